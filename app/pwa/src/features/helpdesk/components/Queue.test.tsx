import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCategory, aLevel, asHandler, aTicket } from '../fixtures';
import Queue from './Queue';
import Tickets from './Tickets';

/** Who he is, the tickets the server lists, and the query of every list asked for. */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  tickets: [] as unknown[],
  queries: [] as Record<string, unknown>[],
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'sam' }, permissions: server.permissions }, can: (p: string) => server.permissions.includes(p) }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
  return {
    ...real,
    api: {
      GET: (path: string, init?: { params: { query: Record<string, unknown> } }) => {
        if (path === '/api/v1/ticket-categories') {
          return answer({ items: [aCategory(), aCategory({ id: 'care', name: "I'm struggling", care: true })] });
        }
        server.queries.push(init!.params.query);
        return answer({ items: server.tickets, page: 0, size: 20, totalItems: server.tickets.length });
      },
    },
  };
});

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open(at: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[at]}>
        <Routes>
          <Route path="/tickets" element={<Tickets />} />
          <Route path="/helpdesk" element={<Queue />} />
        </Routes>
        <Address />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('his requests on Help', () => {
  beforeEach(() => {
    server.permissions = ['circles.join'];
    server.tickets = [aTicket({ status: 'WAITING_FOR_MEMBER' })];
    server.queries = [];
  });

  afterEach(cleanup);

  it('lists them as he reads them, with a way to a new one, and no queue for a man who handles none', async () => {
    open('/tickets');

    const card = await screen.findByRole('article', { name: 'My card was charged twice' });
    expect(within(card).getByText('Waiting for your answer')).toBeTruthy();
    expect(within(card).getByText('#7')).toBeTruthy();
    expect(within(card).queryByText(/^From /)).toBeNull();
    expect(screen.getByRole('link', { name: 'New request' }).getAttribute('href')).toBe('/tickets/new');
    expect(screen.queryByRole('navigation', { name: 'Help desk views' })).toBeNull();
    expect(server.queries).toEqual([{ page: 0, size: 20 }]);
  });

  it('says when he has asked nothing yet', async () => {
    server.tickets = [];
    open('/tickets');

    expect(await screen.findByText('You have not asked for help yet.')).toBeTruthy();
  });

  it('leads a man of support to the queue', async () => {
    server.permissions = ['support.assist'];
    open('/tickets');

    const views = await screen.findByRole('navigation', { name: 'Help desk views' });
    expect(within(views).getByRole('link', { name: 'My requests' }).getAttribute('aria-current')).toBe('page');
    expect(within(views).getByRole('link', { name: 'Help desk' }).getAttribute('href')).toBe('/helpdesk');
  });
});

describe('the queue', () => {
  beforeEach(() => {
    server.permissions = ['support.assist', 'care.handle'];
    server.tickets = [
      asHandler(aTicket({ status: 'OPEN', assigneeId: 'sam', assigneeName: 'Sam Support' }), { serviceLevel: aLevel({ firstResponseBreached: true }) }),
      asHandler(aTicket({ id: 't2', number: 8, subject: 'A hard week', care: true, status: 'WAITING_FOR_MEMBER', requesterName: 'Matt Member' }), { serviceLevel: aLevel({ paused: true }) }),
    ];
    server.queries = [];
  });

  afterEach(cleanup);

  it('shows each request with who asked, who has it, and whether it is late or its clock stopped', async () => {
    open('/helpdesk');

    const first = within(await screen.findByRole('article', { name: 'My card was charged twice' }));
    expect(first.getByText('From Mike Member')).toBeTruthy();
    expect(first.getByText('Assigned to Sam Support')).toBeTruthy();
    expect(first.getByText('Overdue')).toBeTruthy();
    const second = within(screen.getByRole('article', { name: 'A hard week' }));
    expect(second.getByText('Not assigned')).toBeTruthy();
    expect(second.getByText('Waiting for the member')).toBeTruthy();
    expect(second.getByText('Clock stopped')).toBeTruthy();
    expect(second.getByText('Care')).toBeTruthy();
    expect(server.queries[0]).toEqual({ queue: true, page: 0, size: 20 });
    expect(screen.queryByRole('link', { name: 'Categories' })).toBeNull();
  });

  it('asks for what the filters say, and keeps them in the address', async () => {
    open('/helpdesk');
    await screen.findByRole('article', { name: 'A hard week' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'OPEN' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Whose' }), { target: { value: 'mine' } });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Category' }).querySelectorAll('option')).toHaveLength(3));
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'care' } });
    await waitFor(() => expect(server.queries.at(-1)).toEqual({ queue: true, status: 'OPEN', assigneeId: 'sam', categoryId: 'care', page: 0, size: 20 }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Whose' }), { target: { value: 'unassigned' } });

    await waitFor(() => expect(server.queries.at(-1)).toEqual({ queue: true, status: 'OPEN', unassigned: true, categoryId: 'care', page: 0, size: 20 }));
    expect(screen.getByTestId('address').textContent).toBe('/helpdesk?status=OPEN&who=unassigned&category=care');
  });

  it('reads its filters from the address, and says when nothing matches', async () => {
    server.tickets = [];
    open('/helpdesk?who=unassigned&status=NEW');

    expect(await screen.findByText('No requests here.')).toBeTruthy();
    expect(server.queries[0]).toEqual({ queue: true, status: 'NEW', unassigned: true, page: 0, size: 20 });
    expect((screen.getByRole('combobox', { name: 'Whose' }) as HTMLSelectElement).value).toBe('unassigned');
  });

  it('leads an admin to the categories', async () => {
    server.permissions = ['support.assist', 'organisation.manage'];
    open('/helpdesk');

    expect((await screen.findByRole('link', { name: 'Categories' })).getAttribute('href')).toBe('/helpdesk/categories');
  });

  it('has nothing axe finds wrong', async () => {
    const { container } = open('/helpdesk');
    await screen.findByRole('article', { name: 'A hard week' });

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
