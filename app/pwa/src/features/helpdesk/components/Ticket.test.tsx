import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aLevel, aMessage, aPerson, asHandler, aTicket } from '../fixtures';
import type { Ticket } from '../api/types';
import TicketScreen from './Ticket';

type Init = { params?: { path?: Record<string, string>; query?: Record<string, unknown>; header?: Record<string, string> }; body?: Record<string, unknown> };

/** Who he is, the tickets as the server holds them, what each request sent, and the refusal the next write gets. */
const server = vi.hoisted(() => ({
  me: 'mike',
  permissions: [] as string[],
  tickets: {} as Record<string, unknown>,
  queue: [] as unknown[],
  people: {} as Record<string, unknown[]>,
  sent: [] as { method: string; path: string; id?: string; key?: string; body?: Record<string, unknown> }[],
  refusal: null as null | Record<string, unknown>,
  answerWith: null as null | string,
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: server.me }, permissions: server.permissions }, can: (p: string) => server.permissions.includes(p) }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  const refused = () => {
    const refusal = server.refusal!;
    server.refusal = null;
    return Promise.resolve({ error: refusal, response: new Response(null, { status: Number(refusal.status) }) });
  };
  const record = (method: string, path: string, init: Init) =>
    server.sent.push({ method, path, id: init.params?.path?.id, key: init.params?.header?.['Idempotency-Key'], body: init.body });
  return {
    ...real,
    api: {
      GET: (path: string, init: Init) => {
        if (path === '/api/v1/tickets/{id}') {
          const ticket = server.tickets[init.params!.path!.id];
          return ticket ? answer(ticket) : Promise.resolve({ error: { status: 404, code: 'NOT_FOUND' }, response: new Response(null, { status: 404 }) });
        }
        if (path === '/api/v1/members') {
          return answer({ items: server.people[String(init.params!.query!.role)] ?? [], page: 0, size: 200, totalItems: 0 });
        }
        return answer({ items: server.queue, page: 0, size: 100, totalItems: server.queue.length });
      },
      POST: (path: string, init: Init) => {
        record('POST', path, init);
        if (server.refusal) {
          return refused();
        }
        const id = init.params!.path!.id;
        if (path.endsWith('/merge')) {
          return answer(server.tickets[String(init.body!.intoId)]);
        }
        if (path.endsWith('/split')) {
          return answer(server.tickets.t9, 201);
        }
        const ticket = server.tickets[server.answerWith ?? id] as Ticket;
        const written = { ...ticket, messages: [...ticket.messages, aMessage('m' + server.sent.length, String(init.body!.body), { authorId: server.me, internal: Boolean(init.body!.internal) })] };
        server.tickets[written.id] = written;
        return answer(written, 201);
      },
      PUT: (path: string, init: Init) => {
        record('PUT', path, init);
        const ticket = server.tickets[init.params!.path!.id] as Ticket;
        const assigneeId = (init.body!.assigneeId as string | null) ?? null;
        const updated = { ...ticket, status: init.body!.status, assigneeId, assigneeName: assigneeId ? 'Sam Support' : null };
        server.tickets[ticket.id] = updated;
        return answer(updated);
      },
    },
  };
});

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open(id = 't1') {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/tickets/' + id]}>
        <Routes>
          <Route path="/tickets/:id" element={<TicketScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const heading = (name: string) => screen.findByRole('heading', { level: 1, name });

/** Sam of support looks at Mike's ticket: support answered once, and left an internal note. */
const asSam = (more: Partial<Ticket> = {}) => {
  server.me = 'sam';
  server.permissions = ['support.assist', 'members.view'];
  server.people = { SUPPORT: [aPerson('sam', 'Sam', 'Support')], ADMIN: [aPerson('ann', 'Ann', 'Admin'), aPerson('sam', 'Sam', 'Support')] };
  server.tickets.t1 = asHandler(aTicket(), {
    status: 'OPEN',
    messages: [
      aMessage('m1', 'I was charged twice for the retreat.'),
      aMessage('m2', 'Looking into it now.', { authorId: 'sam', authorName: 'Sam Support', byRequester: false, writtenAt: '2027-01-05T09:20:00Z' }),
      aMessage('m3', 'Stripe shows two charges.', { authorId: 'sam', authorName: 'Sam Support', byRequester: false, internal: true, writtenAt: '2027-01-05T09:25:00Z' }),
    ],
    ...more,
  });
};

describe('his own request', () => {
  beforeEach(() => {
    server.me = 'mike';
    server.permissions = ['circles.join'];
    server.tickets = { t1: aTicket({ status: 'OPEN', messages: [aMessage('m1', 'I was charged twice.'), aMessage('m2', 'Refunded the second.', { authorId: 'sam', authorName: 'Sam Support', byRequester: false })] }) };
    server.sent = [];
    server.refusal = null;
    server.answerWith = null;
  });

  afterEach(cleanup);

  it('shows the conversation, his messages as his, and no handler controls', async () => {
    open();

    expect(await heading('My card was charged twice')).toBeTruthy();
    expect(screen.getByText('In progress')).toBeTruthy();
    expect(screen.getByText('#7')).toBeTruthy();
    const messages = screen.getAllByRole('article');
    expect(within(messages[0]).getByRole('heading', { level: 3 }).textContent).toMatch(/^You/);
    expect(within(messages[1]).getByRole('heading', { level: 3 }).textContent).toMatch(/^Sam Support/);
    expect(screen.queryByRole('heading', { name: 'Handling' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Status' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Assign to me' })).toBeNull();
    expect(screen.queryByRole('switch', { name: /Internal note/ })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Internal note/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Merge/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Split/ })).toBeNull();
    expect(screen.queryByText(/due/)).toBeNull();
    expect(screen.getByRole('link', { name: '← My requests' }).getAttribute('href')).toBe('/tickets');
  });

  it('sends his reply under a key of its own, says so, and the next reply gets another key', async () => {
    open();
    await heading('My card was charged twice');

    fireEvent.change(screen.getByLabelText(/^Your reply/), { target: { value: 'Thank you.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Sent.')).toBeTruthy();
    expect(screen.getByText('Thank you.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Your reply/), { target: { value: 'One more thing.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('One more thing.');

    expect(server.sent.map((s) => s.body)).toEqual([{ body: 'Thank you.', internal: undefined, status: undefined }, { body: 'One more thing.', internal: undefined, status: undefined }]);
    expect(server.sent[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.sent[1].key).not.toBe(server.sent[0].key);
  });

  it('sends nothing empty, and keeps the key when the server refuses, to send again', async () => {
    server.refusal = { status: 503, code: 'NETWORK_ERROR' };
    open();
    await heading('My card was charged twice');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByText('Required.')).toBeTruthy();
    expect(server.sent).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/^Your reply/), { target: { value: 'Hello?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No connection to Hearth');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Sent.');

    expect(server.sent.map((s) => s.key)).toEqual([server.sent[0].key, server.sent[0].key]);
  });

  it('opens the request his reply landed on when his was merged meanwhile', async () => {
    server.tickets.t2 = aTicket({ id: 't2', number: 9, subject: 'Charged twice (all of it)', messages: [] });
    server.answerWith = 't2';
    open();
    await heading('My card was charged twice');

    fireEvent.change(screen.getByLabelText(/^Your reply/), { target: { value: 'Any news?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(await heading('Charged twice (all of it)')).toBeTruthy();
  });

  it('points a merged request to the one it went into, and takes no reply there', async () => {
    server.tickets.t1 = aTicket({ status: 'CLOSED', mergedIntoId: 't2', messages: [] });
    server.tickets.t2 = aTicket({ id: 't2', number: 9, subject: 'Charged twice (all of it)' });
    open();

    expect(await screen.findByText(/This request was merged into #9\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open #9' }).getAttribute('href')).toBe('/tickets/t2');
    expect(screen.queryByLabelText(/^Your reply/)).toBeNull();
  });

  it('tells him gently that a care request is read by the care team alone', async () => {
    server.tickets.t1 = aTicket({ care: true, categoryName: "I'm struggling" });
    open();

    expect(await screen.findByText('Only the care team reads this conversation.')).toBeTruthy();
  });

  it('has nothing axe finds wrong', async () => {
    const { container } = open();
    await heading('My card was charged twice');

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});

describe('a request as support handles it', () => {
  beforeEach(() => {
    server.tickets = {};
    server.queue = [];
    server.sent = [];
    server.refusal = null;
    server.answerWith = null;
    asSam();
  });

  afterEach(cleanup);

  it('shows who asked, the service level, and the internal note marked as such', async () => {
    asSam({ serviceLevel: aLevel({ firstResponseAt: '2027-01-05T09:20:00Z', resolutionBreached: true }) });
    open();

    expect(await heading('My card was charged twice')).toBeTruthy();
    expect(screen.getByText('From Mike Member')).toBeTruthy();
    expect(screen.getByText('Open', { selector: 'span' })).toBeTruthy();
    const level = within(screen.getByRole('list', { name: 'Service level' }));
    const met = level.getByText(/^First answered /);
    const overdue = level.getByText(/^Solution overdue since /);
    expect(getComputedStyle(overdue).color).not.toBe(getComputedStyle(met).color);
    expect(getComputedStyle(overdue).fontWeight).toBe('600');
    const note = screen.getAllByRole('article')[2];
    expect(within(note).getByText('Internal note: only handlers see it')).toBeTruthy();
    expect(screen.getByRole('link', { name: '← Help desk' }).getAttribute('href')).toBe('/helpdesk');
  });

  it('says the clock is stopped while the request waits for the member', async () => {
    asSam({ status: 'WAITING_FOR_MEMBER', serviceLevel: aLevel({ paused: true }) });
    open();

    expect(await screen.findByText(/^Clock stopped while waiting for the member/)).toBeTruthy();
  });

  it('sets the status with the assignee as it is, and assigns to himself, to another of support, and to no one', async () => {
    open();
    await heading('My card was charged twice');

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'SOLVED' } });
    await screen.findByText('Saved.');
    fireEvent.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(await screen.findByRole('button', { name: 'Unassign' })).toBeTruthy();
    const assignee = await screen.findByRole('combobox', { name: 'Assigned to' });
    expect([...(assignee as HTMLSelectElement).options].map((o) => o.text)).toEqual(['No one', 'Ann Admin', 'Sam Support']);
    fireEvent.change(assignee, { target: { value: 'ann' } });
    await waitFor(() => expect(server.sent).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Unassign' }));
    await waitFor(() => expect(server.sent).toHaveLength(4));

    expect(server.sent.map((s) => s.body)).toEqual([
      { status: 'SOLVED', assigneeId: null },
      { status: 'SOLVED', assigneeId: 'sam' },
      { status: 'SOLVED', assigneeId: 'ann' },
      { status: 'SOLVED', assigneeId: null },
    ]);
  });

  it('offers only Assign to me and Unassign to one who cannot read the members directory', async () => {
    server.permissions = ['care.handle'];
    asSam();
    server.permissions = ['care.handle'];
    server.tickets.t1 = { ...(server.tickets.t1 as Ticket), care: true, assigneeId: 'cal', assigneeName: 'Cal Care' };
    open();
    await heading('My card was charged twice');

    expect(screen.getByText('Assigned to Cal Care')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Assigned to' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Assign to me' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Unassign' })).toBeTruthy();
  });

  it('adds an internal note with a status, or replies to him', async () => {
    open();
    await heading('My card was charged twice');

    fireEvent.click(screen.getByRole('switch', { name: 'Internal note (only handlers see it)' }));
    fireEvent.change(screen.getByLabelText(/^Internal note/, { selector: 'textarea' }), { target: { value: 'Refund is on its way.' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Status with it' }), { target: { value: 'WAITING_FOR_MEMBER' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Note added.')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Internal note (only handlers see it)' }));
    fireEvent.change(screen.getByLabelText(/^Reply to Mike Member/), { target: { value: 'Refunded.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Sent.');

    expect(server.sent.map((s) => s.body)).toEqual([
      { body: 'Refund is on its way.', internal: true, status: 'WAITING_FOR_MEMBER' },
      { body: 'Refunded.', internal: undefined, status: undefined },
    ]);
  });

  it('merges into another request of the same man, chosen from the queue, and opens it', async () => {
    server.tickets.t2 = asHandler(aTicket({ id: 't2', number: 9, subject: 'Retreat payment' }));
    server.queue = [server.tickets.t1, server.tickets.t2, aTicket({ id: 't3', number: 10, requesterId: 'matt', requesterName: 'Matt Member', subject: 'Not his' })];
    open();
    await heading('My card was charged twice');

    fireEvent.click(screen.getByRole('button', { name: 'Merge into another…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge #7 into another request' });
    const choices = await within(dialog).findAllByRole('radio');
    expect(choices).toHaveLength(1);
    fireEvent.click(within(dialog).getByRole('radio', { name: '#9 Retreat payment (New)' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    expect(await heading('Retreat payment')).toBeTruthy();
    expect(server.sent.at(-1)).toMatchObject({ path: '/api/v1/tickets/{id}/merge', id: 't1', body: { intoId: 't2' } });
  });

  it('shows why a merge is refused', async () => {
    server.tickets.t2 = asHandler(aTicket({ id: 't2', number: 9, subject: 'Retreat payment' }));
    server.queue = [server.tickets.t2];
    server.refusal = { status: 409, code: 'TICKET_NOT_MERGEABLE', detail: 'Only tickets of the same man' };
    open();
    await heading('My card was charged twice');

    fireEvent.click(screen.getByRole('button', { name: 'Merge into another…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('radio'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/^These requests cannot be merged/);
  });

  it('splits the messages he ticks off into a new request, never all of them, and opens it', async () => {
    server.tickets.t9 = asHandler(aTicket({ id: 't9', number: 11, subject: 'Stripe question' }));
    open();
    await heading('My card was charged twice');

    fireEvent.click(screen.getByRole('button', { name: 'Split messages off…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Split messages off into a new request' });
    const boxes = within(dialog).getAllByRole('checkbox');
    boxes.forEach((box) => fireEvent.click(box));
    expect(within(dialog).getByText('At least one message stays on this request.')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Split off' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(boxes[0]);
    fireEvent.click(boxes[1]);
    fireEvent.change(within(dialog).getByLabelText('Subject of the new request (optional)'), { target: { value: 'Stripe question' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Split off' }));

    expect(await heading('Stripe question')).toBeTruthy();
    expect(server.sent.at(-1)).toMatchObject({ path: '/api/v1/tickets/{id}/split', id: 't1', body: { messageIds: ['m3'], subject: 'Stripe question' } });
  });

  it('has nothing axe finds wrong', async () => {
    asSam({ serviceLevel: aLevel({ resolutionBreached: true }) });
    const { container } = open();
    await screen.findByRole('combobox', { name: 'Assigned to' });

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
