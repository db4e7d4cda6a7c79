import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aContact } from '../fixtures';
import type { Contact } from '../api/types';
import BringAFriend from './BringAFriend';

/** Who he is, the contacts the server gives him, what was posted and erased, and the refusal the next post gets. */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  contacts: [] as Contact[],
  posts: [] as Record<string, unknown>[],
  erased: [] as string[],
  refusal: null as null | Record<string, unknown>,
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: server.permissions }, can: (p: string) => server.permissions.includes(p) }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.contacts, page: 0, size: 20, totalItems: server.contacts.length }),
      POST: (_: string, init: { body: Record<string, unknown> }) => {
        server.posts.push(init.body);
        if (server.refusal) {
          const refusal = server.refusal;
          server.refusal = null;
          return Promise.resolve({ error: refusal, response: new Response(null, { status: Number(refusal.status) }) });
        }
        return answer(aContact({ id: 'k9', firstName: String(init.body.firstName), lastName: String(init.body.lastName ?? '') }), 201);
      },
      DELETE: (_: string, init: { params: { path: { id: string } } }) => {
        server.erased.push(init.params.path.id);
        return answer(undefined, 204);
      },
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/outreach']}>
        <BringAFriend />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const add = () => fireEvent.click(screen.getByRole('button', { name: 'Add' }));

describe('Bring a friend', () => {
  beforeEach(() => {
    server.permissions = ['circles.join', 'events.register'];
    server.contacts = [aContact(), aContact({ id: 'k2', firstName: 'Sam', lastName: 'Joined', member: true })];
    server.posts = [];
    server.erased = [];
    server.refusal = null;
  });

  afterEach(cleanup);

  it('shows a member the friends he brought, when he added each and whether he became a member, and says what happens to a friend added', async () => {
    open();

    const tom = await screen.findByRole('article', { name: 'Tom Friend' });
    expect(within(tom).getByText(/^Added /)).toBeTruthy();
    expect(within(tom).getByText('Not a member yet')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'Sam Joined' })).getByText('Member now')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Friends you brought' })).toBeTruthy();
    expect(screen.getByText(/personal link to answer yes, maybe or no.*He can unsubscribe in one click/)).toBeTruthy();
  });

  it('sends nothing until he ticks that his friend said yes, then adds him and says so', async () => {
    open();
    type(/^His email address/, 'tom@example.org');
    type(/^First name/, 'Tom');
    type(/^Last name/, 'Friend');

    add();

    expect(server.posts).toHaveLength(0);
    const consent = screen.getByRole('checkbox', { name: 'He told me he would like to hear from us' });
    expect(document.getElementById(consent.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^Tick this first/);

    fireEvent.click(consent);
    type(/^A note for the organisers/, 'Met him at the climbing wall');
    add();

    expect(await screen.findByText('Tom Friend is added: he gets our next invitation.')).toBeTruthy();
    expect(server.posts).toEqual([{ email: 'tom@example.org', firstName: 'Tom', lastName: 'Friend', consent: true, consentNote: 'Met him at the climbing wall' }]);
    expect((screen.getByLabelText(/^His email address/) as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('checkbox', { name: 'He told me he would like to hear from us' }) as HTMLInputElement).checked).toBe(false);
  });

  it("shows the server's word on the field it is about", async () => {
    server.refusal = { status: 422, code: 'VALIDATION_ERROR', detail: 'The request is not valid', errors: [{ field: 'email', message: 'is a contact already' }] };
    open();
    type(/^His email address/, 'tom@example.org');
    type(/^First name/, 'Tom');
    fireEvent.click(screen.getByRole('checkbox', { name: 'He told me he would like to hear from us' }));

    add();

    await screen.findByRole('alert');
    const email = screen.getByLabelText(/^His email address/);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe('is a contact already');
  });

  it("hides from a member what only organisers have: where a man was met, how he said yes, every contact, campaigns", async () => {
    open();
    await screen.findByRole('article', { name: 'Tom Friend' });

    expect(screen.queryByLabelText(/^Where you met him/)).toBeNull();
    expect(screen.queryByLabelText(/^When and how he said yes/)).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'He is a friend I brought' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'All contacts' })).toBeNull();
    expect(screen.queryByText(/^Met: /)).toBeNull();
    expect(screen.queryByRole('link', { name: 'Campaigns' })).toBeNull();
  });

  it('gives organisers every contact with where he was met and how he said yes, and adds one with both', async () => {
    server.permissions = ['announcements.post'];
    server.contacts = [aContact({ source: 'Library talk', consentNote: 'Asked to hear about the next evening', invitedBy: null, invitedByName: null })];
    open();

    const tom = await screen.findByRole('article', { name: 'Tom Friend' });
    expect(within(tom).getByText('Met: Library talk')).toBeTruthy();
    expect(within(tom).getByText(/Asked to hear about the next evening$/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'All contacts' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Campaigns' })).toBeTruthy();

    type(/^His email address/, 'ian@example.org');
    type(/^First name/, 'Ian');
    fireEvent.click(screen.getByRole('checkbox', { name: 'He told me he would like to hear from us' }));
    add();
    expect(server.posts).toHaveLength(0);
    expect(screen.getAllByText('Required.')).toHaveLength(2);

    type(/^Where you met him/, 'Library talk');
    type(/^When and how he said yes/, 'Signed the list at the talk');
    add();

    await screen.findByText('Ian is added: he gets our next invitation.');
    expect(server.posts[0]).toMatchObject({ email: 'ian@example.org', source: 'Library talk', consentNote: 'Signed the list at the talk', consent: true });
  });

  it('erases a contact once asked', async () => {
    server.permissions = ['announcements.post'];
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'Erase Tom Friend' }));
    const dialog = screen.getByRole('dialog', { name: 'Erase Tom Friend?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erase' }));

    await waitFor(() => expect(server.erased).toEqual(['k1']));
  });

  it('has nothing axe finds wrong, for a member and for an organiser', async () => {
    for (const permissions of [['circles.join'], ['announcements.post']]) {
      server.permissions = permissions;
      const { container } = open();
      await screen.findByRole('article', { name: 'Tom Friend' });

      const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

      expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
      cleanup();
    }
  });
});
