import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Profile from './Profile';

type Refusal = { status: number; code: string; detail: string; errors?: { field: string; message: string }[] };

/** Him as GET /me says; each request the screen sent; a refusal to answer the next one with. */
const server = vi.hoisted(() => ({
  me: null as unknown as { person: Record<string, unknown>; roles: string[]; permissions: string[]; timeZone: string; language?: string },
  sent: [] as { method: string; path: string; body: unknown }[],
  refuse: null as Refusal | null,
  reloads: 0,
  /** Him as GET /me answers after a change, for reloadMe to take. */
  reloaded: null as null | { person: Record<string, unknown>; roles: string[]; permissions: string[]; timeZone: string },
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({
    me: server.me,
    reloadMe: () => {
      server.reloads += 1;
      server.me = server.reloaded ?? server.me;
      return Promise.resolve();
    },
    signOut: () => Promise.resolve(),
  }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const reply = (method: string) => (path: string, init?: { body?: unknown }) => {
    server.sent.push({ method, path, body: init?.body });
    const refusal = server.refuse;
    if (refusal) {
      server.refuse = null;
      return Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
    }
    return Promise.resolve({ data: method === 'POST' ? undefined : server.me, response: new Response(null, { status: method === 'POST' ? 202 : 200 }) });
  };
  return { ...real, api: { GET: reply('GET'), POST: reply('POST'), PATCH: reply('PATCH'), DELETE: reply('DELETE') } };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/profile']}>
        <Profile />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  server.me = {
    person: { id: 'me', email: 'tom@example.test', firstName: 'Tom', lastName: 'Reed', status: 'ACTIVE', roles: ['MEMBER'], mfaEnabled: false,
      phoneVerified: false, emailVerified: true, createdAt: '2026-01-01T00:00:00Z' },
    roles: ['MEMBER'], permissions: [], timeZone: 'Europe/London',
  };
  server.sent = [];
  server.refuse = null;
  server.reloads = 0;
  server.reloaded = null;
});

afterEach(cleanup);

const details = () => screen.getByRole('form', { name: 'My details' });

describe('his details', () => {
  it("follows the organisation's zone until he picks his own, and saves name and zone in one request", async () => {
    open();
    const form = details();
    expect(within(form).getByText('Your clock: Europe/London. Quiet hours and your digest follow it.')).toBeTruthy();
    const follow = within(form).getByRole('checkbox', { name: "Use my organisation's time zone" }) as HTMLInputElement;
    expect(follow.checked).toBe(true);
    expect(within(form).queryByLabelText('My time zone')).toBeNull();

    fireEvent.change(within(form).getByLabelText('First name'), { target: { value: 'Thomas' } });
    fireEvent.click(follow);
    const zone = within(form).getByLabelText('My time zone') as HTMLInputElement;
    expect(zone.value).toMatch(/^Europe\/London/);
    zone.focus();
    fireEvent.change(zone, { target: { value: 'new york' } });
    fireEvent.click(await screen.findByRole('option', { name: /America\/New York/ }));
    server.reloaded = { ...server.me, person: { ...server.me.person, firstName: 'Thomas', timeZone: 'America/New_York' }, timeZone: 'America/New_York' };
    fireEvent.click(within(form).getByRole('button', { name: 'Save my details' }));

    // The form starts again from the new answer, and still says it is saved.
    await waitFor(() => expect(within(details()).getByText('Your clock: America/New York. Quiet hours and your digest follow it.')).toBeTruthy());
    expect(within(details()).getByRole('status').textContent).toBe('Your details are saved.');
    expect(server.sent).toEqual([{ method: 'PATCH', path: '/api/v1/me', body: { firstName: 'Thomas', lastName: 'Reed', timeZone: 'America/New_York', language: '' } }]);
    expect(server.reloads).toBe(1);
  });

  it('goes back to the organisation\'s zone by sending an empty zone', async () => {
    server.me.person.timeZone = 'Asia/Tokyo';
    server.me.timeZone = 'Asia/Tokyo';
    open();
    const follow = within(details()).getByRole('checkbox', { name: "Use my organisation's time zone" }) as HTMLInputElement;
    expect(follow.checked).toBe(false);

    fireEvent.click(follow);
    fireEvent.click(within(details()).getByRole('button', { name: 'Save my details' }));

    await waitFor(() => expect(server.sent).toHaveLength(1));
    expect(server.sent[0].body).toEqual({ firstName: 'Tom', lastName: 'Reed', timeZone: '', language: '' });
  });

  it("names his organisation's language while he follows it, and saves the one he picks", async () => {
    server.me.language = 'de';
    open();
    const language = within(details()).getByRole('combobox', { name: 'Language of my mail and notifications' });
    expect(language.textContent).toBe("My organisation's (Deutsch)");

    fireEvent.mouseDown(language);
    fireEvent.click(await screen.findByRole('option', { name: 'English' }));
    fireEvent.click(within(details()).getByRole('button', { name: 'Save my details' }));

    await waitFor(() => expect(server.sent).toHaveLength(1));
    expect(server.sent[0].body).toEqual({ firstName: 'Tom', lastName: 'Reed', timeZone: '', language: 'en' });
  });

  it("shows the server's word beside the field it names and says nothing is saved", async () => {
    server.refuse = { status: 422, code: 'VALIDATION_ERROR', detail: 'The request is not valid', errors: [{ field: 'firstName', message: 'is 1 to 100 characters' }] };
    open();

    fireEvent.change(within(details()).getByLabelText('First name'), { target: { value: ' ' } });
    fireEvent.click(within(details()).getByRole('button', { name: 'Save my details' }));

    const first = within(details()).getByLabelText('First name');
    await waitFor(() => expect(first.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(first.getAttribute('aria-describedby') ?? '')?.textContent).toBe('is 1 to 100 characters');
    expect(within(details()).getByRole('status').textContent).toBe('');
    expect(server.reloads).toBe(0);
  });
});

describe('his email address', () => {
  it('asks for a change with his password, says where the link went, and changes nothing yet', async () => {
    open();
    const form = screen.getByRole('form', { name: 'My email address' });
    expect(screen.getByText('You sign in with tom@example.test, and we write to it.')).toBeTruthy();
    const send = within(form).getByRole('button', { name: 'Change my address' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);

    fireEvent.change(within(form).getByLabelText('New email address'), { target: { value: 'tom@new.example' } });
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'my password' } });
    fireEvent.click(send);

    await waitFor(() => expect(within(form).getByRole('status').textContent).toBe('We sent a link to tom@new.example. Open it there to make the change; until then nothing changes.'));
    expect(server.sent).toEqual([{ method: 'POST', path: '/api/v1/me/email', body: { email: 'tom@new.example', password: 'my password' } }]);
    expect((within(form).getByLabelText('Current password') as HTMLInputElement).value).toBe('');
    expect(server.reloads).toBe(0);
  });

  it('says a wrong password beside nothing but the alert, and sends no link', async () => {
    server.refuse = { status: 422, code: 'INVALID_CREDENTIALS', detail: 'The current password is wrong' };
    open();
    const form = screen.getByRole('form', { name: 'My email address' });
    fireEvent.change(within(form).getByLabelText('New email address'), { target: { value: 'tom@new.example' } });
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'wrong' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change my address' }));

    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('The current password is wrong'));
    expect(within(form).getByRole('status').textContent).toBe('');
  });
});

describe('an address mail cannot reach', () => {
  it('is said at the top, with a button that mails a new confirmation link', async () => {
    server.me.person.emailVerified = false;
    open();
    const panel = screen.getByRole('region', { name: 'Mail cannot reach you' });
    expect(within(panel).getByText(/Mail to tom@example.test is not confirmed/)).toBeTruthy();

    fireEvent.click(within(panel).getByRole('button', { name: 'Send me a confirmation link' }));

    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe('A link is on its way to tom@example.test. Open it to confirm your address.'));
    expect(server.sent).toEqual([{ method: 'POST', path: '/api/v1/me/email/confirmation', body: undefined }]);
    expect(within(panel).queryByRole('button', { name: 'Send me a confirmation link' })).toBeNull();
  });

  it('is not shown when his address is confirmed', () => {
    open();
    expect(screen.queryByRole('region', { name: 'Mail cannot reach you' })).toBeNull();
  });
});
