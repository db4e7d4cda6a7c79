import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fill, m } from '../messages';
import { network } from '../test/network';
import { renderScreen } from '../test/render';
import { SignIn } from './SignIn';

const signIn = (email = 'operator@hearth.example', password = 'a long secret') => {
  const done = vi.fn();
  renderScreen(<SignIn onDone={done} />);
  fireEvent.change(screen.getByLabelText(m.email), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(m.password), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: m.signIn }));
  return done;
};

const typeCode = async (code: string) => {
  fireEvent.change(await screen.findByLabelText(m.authCode), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: m.verify }));
};

const challenge = (more: object = {}) => ({ body: { mfaRequired: true, challenge: 'challenge-1', challengeExpiresIn: 300, ...more } });

describe('signing in to the console', () => {
  it('signs in with the password alone when no second factor is asked', async () => {
    network.on('POST /api/v1/auth/login', { body: { accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900 } });

    const done = signIn();

    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(network.sent('POST /api/v1/auth/login').map((s) => s.body)).toEqual([{ email: 'operator@hearth.example', password: 'a long secret' }]);
  });

  it("asks for the authenticator's code, refuses fewer than six digits, and signs in with the code", async () => {
    network.on('POST /api/v1/auth/login', challenge());
    network.on('POST /api/v1/auth/login/mfa', { body: { accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900 } });

    const done = signIn();

    expect(await screen.findByText(fill(m.signingInAs, { email: 'operator@hearth.example' }))).toBeTruthy();
    expect(screen.getByText(m.secondStep)).toBeTruthy();
    expect(screen.queryByLabelText(m.password)).toBeNull();
    await typeCode('12345');
    expect(screen.getByText(m.codeNeeded)).toBeTruthy();
    expect(network.sent('POST /api/v1/auth/login/mfa')).toHaveLength(0);
    await typeCode('123456');
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(network.sent('POST /api/v1/auth/login/mfa').map((s) => s.body)).toEqual([{ challenge: 'challenge-1', code: '123456' }]);
  });

  it('shows the key and the link to enrol an authenticator the first time', async () => {
    const otpauthUri = 'otpauth://totp/Hearth%20operators:operator@hearth.example?secret=JBSWY3DPEHPK3PXPJBSW&issuer=Hearth%20operators';
    network.on('POST /api/v1/auth/login', challenge({ enrolment: { secret: 'JBSWY3DPEHPK3PXPJBSW', otpauthUri } }));
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

    signIn();

    expect(await screen.findByRole('heading', { name: m.enrolTitle })).toBeTruthy();
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW')).toBeTruthy();
    expect(screen.getByRole('link', { name: m.openAuthenticator }).getAttribute('href')).toBe(otpauthUri);
    expect(screen.getByText(m.enrolThen)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: m.copyKey }));
    expect(await screen.findByText(m.keyCopied)).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('JBSWY3DPEHPK3PXPJBSW');
  });

  it('spends the challenge after five wrong codes and starts over with the password', async () => {
    network.on('POST /api/v1/auth/login', challenge());
    network.on('POST /api/v1/auth/login/mfa', { status: 400, body: { status: 400, code: 'MFA_CODE_INVALID', detail: 'That code is not the one expected.' } });

    signIn();
    for (let tries = 1; tries <= 5; tries++) {
      await typeCode('000000');
      await waitFor(() => expect(network.sent('POST /api/v1/auth/login/mfa')).toHaveLength(tries));
      await screen.findByText('That code is not the one expected.');
    }

    expect(await screen.findByText(m.challengeSpent)).toBeTruthy();
    expect(screen.queryByRole('button', { name: m.verify })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: m.startOver }));
    expect(screen.getByLabelText(m.password)).toBeTruthy();
  });

  it('says when to try again after too many attempts, and waits until then', async () => {
    network.on('POST /api/v1/auth/login', { status: 429, headers: { 'Retry-After': '30' }, body: { status: 429, code: 'TOO_MANY_REQUESTS', detail: 'Too many sign-ins from here.' } });

    signIn();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many sign-ins from here.');
    expect(alert.textContent).toContain(fill(m.tryAgainIn, { wait: fill(m.waits.seconds, { n: 30 }) }));
    expect((screen.getByRole('button', { name: m.signIn }) as HTMLButtonElement).disabled).toBe(true);
  });
});
