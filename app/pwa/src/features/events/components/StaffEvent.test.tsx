import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import StaffEvent from './StaffEvent';

/** The check-ins the server was sent, and what it answers the next ones: a refusal, or the man checked in. */
const server = vi.hoisted(() => ({ checkIns: [] as unknown[], refusals: [] as { status: number; code: string; detail: string }[] }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const { ApiError } = await import('../../../api/problem');
  const retreat = {
    id: 'e1', type: 'MULTI_DAY_RETREAT', title: 'Autumn weekend retreat', description: '', startsAt: '2027-01-08T17:00:00Z', endsAt: '2027-01-10T15:00:00Z',
    timeZone: 'Europe/London', venue: 'Hill Farm', capacity: 20, visibility: 'MEMBERS', priceOptions: [], holdMinutes: 30, offerHours: 24, cancellationCutoffHours: 48,
    sensitiveRetentionDays: 30, questions: [], waivers: [], status: 'SCHEDULED', confirmed: 2, held: 0, offered: 0, waitlisted: 0, openSeats: 18,
  };
  return {
    ...real,
    api: {
      GET: (path: string) =>
        Promise.resolve({ data: path.endsWith('/attendance') ? { checkedIn: 0, confirmed: 2, attendees: [] } : retreat, response: new Response(null, { status: 200 }) }),
    },
    send: (path: string, init: { body: string }) => {
      server.checkIns.push({ path, ...JSON.parse(init.body) });
      const refusal = server.refusals.shift();
      if (refusal) {
        return Promise.reject(new ApiError(refusal));
      }
      const man = { registrationId: 'r1', personId: 'p1', firstName: 'Mike', lastName: 'Member', checkedInAt: '2027-01-08T17:05:00Z', alreadyCheckedIn: false };
      return Promise.resolve(new Response(JSON.stringify(man), { headers: { 'Content-Type': 'application/json' } }));
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/staff/e1']}>
        <Routes>
          <Route path="/staff/:id" element={<StaffEvent />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const waiverMissing = {
  status: 409, code: 'WAIVER_NOT_ACKNOWLEDGED',
  detail: 'He has not acknowledged the current version of: Retreat waiver. He can do it in the app, then check in.',
};

async function checkIn(ticket: string) {
  const form = within(await screen.findByRole('form', { name: 'Check-in' }));
  fireEvent.change(form.getByLabelText('Or paste the ticket code'), { target: { value: ticket } });
  fireEvent.click(form.getByRole('button', { name: 'Check-in' }));
}

describe('check-in of a man without the event\'s waiver', () => {
  beforeEach(() => {
    server.checkIns = [];
    server.refusals = [];
  });

  afterEach(cleanup);

  it('tells the staff member, large, that he is not checked in and which waiver he must acknowledge', async () => {
    server.refusals = [waiverMissing];
    open();

    await checkIn('ticket-1');

    const refusal = await screen.findByTestId('check-in-refused');
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(within(refusal).getByText('Not checked in')).toBeTruthy();
    expect(within(refusal).getByText(waiverMissing.detail)).toBeTruthy();
    expect(screen.getAllByText(/Retreat waiver/)).toHaveLength(1);
    expect(within(screen.getByRole('list', { name: 'Check-in' })).queryByText(/checked in/)).toBeNull();
  });

  it('checks him in with the same ticket once he has acknowledged it, and the refusal goes', async () => {
    server.refusals = [waiverMissing];
    open();
    await checkIn('ticket-1');
    const refusal = await screen.findByTestId('check-in-refused');

    fireEvent.click(within(refusal).getByRole('button', { name: 'Check him in again' }));

    expect(await within(screen.getByRole('list', { name: 'Check-in' })).findByText('Mike Member checked in')).toBeTruthy();
    expect(screen.queryByTestId('check-in-refused')).toBeNull();
    expect(server.checkIns).toEqual([{ path: '/api/v1/events/e1/check-in', token: 'ticket-1' }, { path: '/api/v1/events/e1/check-in', token: 'ticket-1' }]);
  });

  it('shows another refusal as before, in the usual alert', async () => {
    server.refusals = [{ status: 422, code: 'TICKET_INVALID', detail: 'This ticket is not valid.' }];
    open();

    await checkIn('forged');

    expect((await screen.findByRole('alert')).textContent).toContain('This ticket is not valid.');
    expect(screen.queryByTestId('check-in-refused')).toBeNull();
  });
});
