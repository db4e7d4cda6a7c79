import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SafetyMessage } from '../api/types';
import { MustReach } from './MustReach';
import SafetyMessageStatus from './SafetyMessageStatus';

/** The must-reach messages the server holds, and each send it was asked for. */
const server = vi.hoisted(() => ({ messages: [] as SafetyMessage[], sends: [] as { key?: string; body: unknown }[], failNext: false }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: (_: string, init: { params: { path: { id: string } } }) => answer(server.messages.find((m) => m.id === init.params.path.id)),
      POST: (_: string, init: { params: { header: Record<string, string> }; body: { text: string } }) => {
        server.sends.push({ key: init.params.header['Idempotency-Key'], body: init.body });
        if (server.failNext) {
          server.failNext = false;
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        const sent: SafetyMessage = { id: 'm' + server.sends.length, text: init.body.text, sentAt: new Date().toISOString(), recipients: 1, notReached: 1,
          reached: [{ personId: 'p1', name: 'Tom Reed', channels: ['app'], readAt: null, acknowledgedAt: null }] };
        server.messages.push(sent);
        return answer(sent, 201);
      },
    },
  };
});

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

function open(path: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <Where />
        <Routes>
          <Route path="/facilitate/c1" element={<MustReach circleId="c1" />} />
          <Route path="/staff/e1" element={<MustReach eventId="e1" />} />
          <Route path="/safety-messages/:id" element={<SafetyMessageStatus />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const busNotice = (): SafetyMessage => ({
  id: 'bus', text: 'The bus leaves from the north gate at 9.', sentAt: new Date().toISOString(), recipients: 3, notReached: 2,
  reached: [
    { personId: 'p1', name: 'Tom Reed', channels: ['app', 'sms', 'email'], readAt: null, acknowledgedAt: null },
    { personId: 'p2', name: 'Sam Hale', channels: ['app'], readAt: new Date().toISOString(), acknowledgedAt: null },
    { personId: 'p3', name: 'Joe Park', channels: ['app', 'push'], readAt: new Date().toISOString(), acknowledgedAt: new Date().toISOString() },
  ],
});

describe('a must-reach message to a circle', () => {
  beforeEach(() => {
    server.messages = [busNotice()];
    server.sends = [];
    server.failNext = false;
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('sends it to the circle with an Idempotency-Key and opens its status', async () => {
    open('/facilitate/c1');

    fireEvent.click(screen.getByRole('button', { name: 'Send a must-reach message' }));
    fireEvent.change(screen.getByLabelText(/Message/), { target: { value: '  Meeting moved to the church hall tonight.  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send to everyone in the circle' }));

    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/safety-messages/m1'));
    expect(await screen.findByText('Meeting moved to the church hall tonight.', { selector: 'blockquote' })).toBeTruthy();
    expect(server.sends[0].body).toEqual({ circleId: 'c1', text: 'Meeting moved to the church hall tonight.' });
    expect(server.sends[0].key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("from an event's staff screen, goes to everyone coming and its staff", async () => {
    open('/staff/e1');

    fireEvent.click(screen.getByRole('button', { name: 'Send a must-reach message' }));
    expect(screen.getByText(/everyone coming to this event, and its staff/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Message/), { target: { value: 'The bus leaves from the north gate at 9.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send to everyone coming and the staff' }));

    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/safety-messages/m1'));
    expect(server.sends[0].body).toEqual({ eventId: 'e1', text: 'The bus leaves from the north gate at 9.' });
  });

  it('sends the same text again under the same key after a network failure', async () => {
    server.failNext = true;
    open('/facilitate/c1');
    fireEvent.click(screen.getByRole('button', { name: 'Send a must-reach message' }));
    fireEvent.change(screen.getByLabelText(/Message/), { target: { value: 'Call me tonight' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send to everyone in the circle' }));
    await screen.findByRole('alert');

    fireEvent.click(screen.getByRole('button', { name: 'Send to everyone in the circle' }));

    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/safety-messages/m2'));
    expect(server.sends.map((s) => s.key)).toEqual([server.sends[0].key, server.sends[0].key]);
  });

  it('does not send an empty message', () => {
    open('/facilitate/c1');
    fireEvent.click(screen.getByRole('button', { name: 'Send a must-reach message' }));

    fireEvent.click(screen.getByRole('button', { name: 'Send to everyone in the circle' }));

    expect(screen.getByText('Write the message first.')).toBeTruthy();
    expect(server.sends).toEqual([]);
  });

  it('shows who has not answered yet first, each with the channels tried and whether he opened it, in words', async () => {
    open('/safety-messages/bus');

    expect(await screen.findByText('1 of 3 answered "Got it".')).toBeTruthy();
    const waiting = screen.getByRole('heading', { name: 'Not answered yet (2)' }).parentElement!;
    expect(within(waiting).getByText('Tom Reed').parentElement!.textContent).toContain('Reached by: the app, text, email · Not opened yet');
    expect(within(waiting).getByText('Sam Hale').parentElement!.textContent).toContain('Reached by: the app · Opened');
    const answered = screen.getByRole('heading', { name: 'Answered "Got it" (1)' }).parentElement!;
    expect(within(answered).getByText('Joe Park').parentElement!.textContent).toContain('Reached by: the app, push · Answered');
  });

  it('reads the status again every 15 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    open('/safety-messages/bus');
    await screen.findByText('1 of 3 answered "Got it".');

    server.messages[0] = { ...busNotice(), notReached: 0, reached: busNotice().reached.map((r) => ({ ...r, acknowledgedAt: new Date().toISOString() })) };
    await act(() => vi.advanceTimersByTimeAsync(15_000));

    expect(await screen.findByText('Everyone has answered "Got it".')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Not answered yet (0)' })).toBeTruthy();
  });
});
