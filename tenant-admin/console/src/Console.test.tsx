import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Console } from './Console';
import { m } from './messages';
import { page, tenant } from './test/fixtures';
import { network } from './test/network';
import { renderScreen } from './test/render';

describe('the console', () => {
  it("shows the organisations once signed in, asks with the operator's token, and forgets it at sign-out", async () => {
    network.on('POST /api/v1/auth/login', { body: { accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900 } });
    network.on('GET /api/v1/tenants', { body: page([tenant('demo')]) });
    network.on('GET /api/v1/billing/stripe', { body: { organisations: [] } });
    network.on('GET /api/v1/billing/revenue', { body: { months: 12, rows: [] } });
    network.on('GET /api/v1/plans', { body: { plans: [] } });
    network.on('GET /api/v1/operators/audit', { body: { items: [] } });
    renderScreen(<Console />);

    fireEvent.change(screen.getByLabelText(m.email), { target: { value: 'operator@hearth.example' } });
    fireEvent.change(screen.getByLabelText(m.password), { target: { value: 'a long secret' } });
    fireEvent.click(screen.getByRole('button', { name: m.signIn }));

    expect(await screen.findByRole('heading', { name: m.organisations, level: 1 })).toBeTruthy();
    expect(await screen.findByText('Demo Men')).toBeTruthy();
    expect(network.sent('GET /api/v1/tenants')[0].headers.get('Authorization')).toBe('Bearer token-1');
    fireEvent.click(screen.getByRole('button', { name: m.signOut }));
    expect(screen.getByRole('button', { name: m.signIn })).toBeTruthy();
    network.on('POST /api/v1/auth/login', { status: 401, body: { status: 401, code: 'AUTHENTICATION_ERROR', detail: 'Wrong email or password.' } });
    fireEvent.click(screen.getByRole('button', { name: m.signIn }));
    await waitFor(() => expect(network.sent('POST /api/v1/auth/login')).toHaveLength(2));
    expect(network.sent('POST /api/v1/auth/login')[1].headers.get('Authorization')).toBeNull();
  });
});
