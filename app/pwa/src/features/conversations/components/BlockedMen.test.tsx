import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll } from '../../../offline/db';
import type { Block } from '../api/types';
import BlockedMen from './BlockedMen';

/** The men he has blocked, as the server holds them, and each man he unblocked. */
const server = vi.hoisted(() => ({
  blocks: [] as Block[],
  unblocked: [] as string[],
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.blocks }),
      DELETE: (path: string, init: { params: { path: { id: string } } }) => {
        server.unblocked.push(path.replace('{id}', init.params.path.id));
        server.blocks = server.blocks.filter((block) => block.personId !== init.params.path.id);
        return answer(undefined, 204);
      },
    },
  };
});

const aBlock = (personId: string, name: string): Block => ({ personId, name, blockedAt: '2026-12-01T10:00:00Z' });

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/chats/blocked']}>
        <Routes>
          <Route path="/chats/blocked" element={<BlockedMen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the men he has blocked', () => {
  beforeEach(async () => {
    await clearAll();
    server.blocks = [aBlock('tom', 'Tom Reed'), aBlock('sam', 'Sam Hale')];
    server.unblocked = [];
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('lists each man with a button to unblock him', async () => {
    open();

    const list = await screen.findByRole('list', { name: 'Blocked men' });

    expect(within(list).getAllByRole('listitem').map((item) => item.querySelector('p')?.textContent)).toEqual(['Tom Reed', 'Sam Hale']);
    expect(within(list).getByRole('button', { name: 'Unblock Tom Reed' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Unblock Sam Hale' })).toBeTruthy();
  });

  it('unblocks a man and takes him off the list', async () => {
    open();

    fireEvent.click(await screen.findByRole('button', { name: 'Unblock Tom Reed' }));

    await waitFor(() => expect(screen.queryByText('Tom Reed')).toBeNull());
    expect(server.unblocked).toEqual(['/api/v1/people/tom/block']);
    expect(screen.getByText('Sam Hale')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Tom Reed is unblocked.');
  });

  it('says so when he has blocked nobody', async () => {
    server.blocks = [];

    open();

    expect(await screen.findByText('You have not blocked anyone.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
