import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import EmailChange from './EmailChange';

/** Each request the screen sent, and how the server answers the next one. */
const server = vi.hoisted(() => ({ sent: [] as { path: string; body: unknown }[], gone: false }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  return {
    ...real,
    api: {
      POST: (path: string, init: { body: unknown }) => {
        server.sent.push({ path, body: init.body });
        return server.gone
          ? Promise.resolve({ error: { status: 410, code: 'TOKEN_INVALID', detail: 'This link is invalid, used, replaced by a newer one or expired' }, response: new Response(null, { status: 410 }) })
          : Promise.resolve({ data: { person: {}, detail: 'Your account now uses tom@new.example' }, response: new Response(null, { status: 200 }) });
      },
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/email-change/tok123']}>
        <Routes>
          <Route path="/email-change/:token" element={<EmailChange />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  server.sent = [];
  server.gone = false;
});

afterEach(cleanup);

describe('the link mailed to a new address', () => {
  it('does nothing on opening (mail scanners open links) and changes the address when he presses the button', async () => {
    open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sent).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Use this address' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Your account now uses tom@new.example'));
    expect(server.sent).toEqual([{ path: '/api/v1/auth/email-change', body: { token: 'tok123' } }]);
  });

  it('says plainly when the link no longer works', async () => {
    server.gone = true;
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Use this address' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('replaced by a newer one'));
  });
});
