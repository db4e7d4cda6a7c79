import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DirectChat } from './OpenChat';

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  return {
    ...real,
    api: {
      POST: () =>
        Promise.resolve({
          error: { code: 'CONVERSATION_NOT_ALLOWED', detail: 'The organisation\'s rules do not let you start a conversation with this person' },
          response: new Response(null, { status: 403 }),
        }),
    },
  };
});

describe('opening a one-to-one with a man', () => {
  afterEach(() => {
    cleanup();
  });

  it('shows the server\'s reason when he may not talk with him', async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={['/chats/with/tom']}>
          <Routes>
            <Route path="/chats/with/:personId" element={<DirectChat />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );

    expect((await screen.findByRole('alert')).textContent).toBe('The organisation\'s rules do not let you start a conversation with this person');
  });
});
