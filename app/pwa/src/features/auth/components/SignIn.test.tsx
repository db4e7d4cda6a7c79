import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import SignIn from './SignIn';

/**
 * The server as sign-in sees it: acme.org signs in through the organisation's provider; what the password sign-in
 * answers; and what was asked and sent.
 */
const server = vi.hoisted(() => ({
  ssoDomains: ['acme.org'],
  login: null as null | { status: number; code: string; detail: string },
  asked: [] as string[],
  logins: [] as unknown[],
  started: [] as unknown[],
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ start: (tokens: unknown) => Promise.resolve(void server.started.push(tokens)) }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: (path: string, init?: { params?: { query?: { email?: string } } }) => {
        if (path !== '/api/v1/auth/options') {
          return answer({ name: 'Demo Men', timeZone: 'Europe/London' });
        }
        const email = init?.params?.query?.email;
        if (email === undefined) {
          return answer({ registrationMode: 'OPEN', googleSignIn: false, sso: false });
        }
        server.asked.push(email);
        return answer({ registrationMode: 'OPEN', googleSignIn: false, sso: server.ssoDomains.includes(email.split('@')[1]) });
      },
      POST: (_: string, init: { body: unknown }) => {
        server.logins.push(init.body);
        if (server.login) {
          return Promise.resolve({ error: server.login, response: new Response(null, { status: server.login.status }) });
        }
        return answer({ accessToken: 'token', expiresIn: 900 });
      },
    },
  };
});

const assign = vi.fn();

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

beforeEach(() => {
  server.ssoDomains = ['acme.org'];
  server.login = null;
  server.asked = [];
  server.logins = [];
  server.started = [];
  assign.mockReset();
  vi.stubGlobal('location', { assign });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(path = '/signin') {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/signin" element={<SignIn />} />
          <Route path="/" element={<p>Home page</p>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
const continueButton = () => screen.findByRole('button', { name: "Continue with your organisation's sign-in" }, { timeout: 2000 });

describe('signing in, address first', () => {
  it("offers his organisation's sign-in instead of the password once the address he typed is of its domain, and takes the window there", async () => {
    open();

    type('Email', 'tom@acme.org');
    fireEvent.click(await continueButton());

    expect(server.asked).toEqual(['tom@acme.org']);
    expect(screen.queryByLabelText('Password', { exact: false })).toBeNull();
    expect(assign).toHaveBeenCalledWith('/api/v1/auth/sso/start?email=tom%40acme.org');
    expect(screen.getByRole('status').textContent).toBe("Taking you to your organisation's sign-in…");
    expect(server.logins).toEqual([]);
  });

  it('asks as soon as he leaves the address field, without waiting for his typing to rest', async () => {
    open();
    type('Email', 'tom@acme.org');

    fireEvent.blur(screen.getByLabelText('Email', { exact: false }));

    await waitFor(() => expect(server.asked).toEqual(['tom@acme.org']), { timeout: 300 });
    expect(await continueButton()).toBeTruthy();
  });

  it('keeps the password for an address that signs in here, fills in as today, and signs him in', async () => {
    open();

    type('Email', 'mike@demo.localhost');
    fireEvent.blur(screen.getByLabelText('Email', { exact: false }));
    type('Password', 'a long walk in the hills');
    await waitFor(() => expect(server.asked).toEqual(['mike@demo.localhost']));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Home page')).toBeTruthy();
    expect(server.logins).toEqual([{ email: 'mike@demo.localhost', password: 'a long walk in the hills' }]);
    expect(server.started).toEqual([{ accessToken: 'token', expiresIn: 900 }]);
    expect(assign).not.toHaveBeenCalled();
  });

  it('asks nothing while the address is not one yet', async () => {
    open();

    type('Email', 'tom@acme');
    fireEvent.blur(screen.getByLabelText('Email', { exact: false }));
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(server.asked).toEqual([]);
    expect(screen.getByLabelText('Password', { exact: false })).toBeTruthy();
  });

  it('sends him to his provider when the password sign-in answers that his address signs in there (SSO_REQUIRED)', async () => {
    server.ssoDomains = [];
    server.login = { status: 403, code: 'SSO_REQUIRED', detail: "This address signs in through the organisation's provider" };
    open();

    type('Email', 'tom@acme.org');
    type('Password', 'an old password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('/api/v1/auth/sso/start?email=tom%40acme.org'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lets the break-glass admin sign in with his password all the same', async () => {
    open();
    type('Email', 'root@acme.org');

    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with a password instead' }, { timeout: 2000 }));
    type('Password', 'the break-glass password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Home page')).toBeTruthy();
    expect(server.logins).toEqual([{ email: 'root@acme.org', password: 'the break-glass password' }]);
    expect(assign).not.toHaveBeenCalled();
  });

  it('gives the password back when he changes the address to one that signs in here', async () => {
    open();
    type('Email', 'tom@acme.org');
    await continueButton();

    type('Email', 'tom@demo.localhost');

    expect(screen.getByLabelText('Password', { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: "Continue with your organisation's sign-in" })).toBeNull();
  });

  it('has nothing axe finds wrong once it offers his organisation\'s sign-in', async () => {
    const { container } = open('/signin?sso-error=OIDC_FAILED');
    type('Email', 'tom@acme.org');
    await continueButton();

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});

describe('coming back from his organisation\'s sign-in', () => {
  it.each([
    ['OIDC_FAILED', "Your organisation's sign-in did not let you in here: it refused, it did not confirm your address, or your address is not at one of the organisation's domains. Try again, or ask your organisation's admins."],
    ['ACCOUNT_PENDING_APPROVAL', "Your account is made and waits for an admin's approval. You can sign in once an admin has approved it."],
    ['ACCOUNT_DEACTIVATED', "Your account here is deactivated. Ask your organisation's admins if you think this is a mistake."],
    ['SSO_NOT_CONFIGURED', "Your address does not sign in through your organisation's sign-in (any more). Sign in with your password, or ask your organisation's admins."],
    ['SOMETHING_NEW', "Signing in through your organisation did not work. Try again, or ask your organisation's admins."],
    ['<b>made up</b>', "Signing in through your organisation did not work. Try again, or ask your organisation's admins."],
  ])('says why when it failed with %s', (code, sentence) => {
    open('/signin?sso-error=' + encodeURIComponent(code));

    expect(screen.getByRole('alert').textContent).toBe(sentence);
  });

  it('asks for his second factor when he has two-factor on, as after Google', () => {
    open('/signin?challenge=c123');

    expect(screen.getByRole('heading', { name: 'Two-step sign-in' })).toBeTruthy();
    expect(screen.getByLabelText('Code from your authenticator app, or a recovery code', { exact: false })).toBeTruthy();
  });
});

describe('a refusal of the password sign-in other than SSO_REQUIRED', () => {
  it('is shown as before', async () => {
    server.login = { status: 401, code: 'INVALID_CREDENTIALS', detail: 'The email address or the password is wrong' };
    open();

    type('Email', 'mike@demo.localhost');
    type('Password', 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain('The email address or the password is wrong');
    expect(assign).not.toHaveBeenCalled();
  });
});
