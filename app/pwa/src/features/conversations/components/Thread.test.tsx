import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll } from '../../../offline/db';
import { enqueue } from '../../../offline/queue';
import { conversationKeys } from '../api/keys';
import { messagesPath } from '../api/outbox';
import type { Block, Conversation, Message, MessagePage } from '../api/types';
import Thread from './Thread';

const now = new Date();
const at = (daysAgo: number, hour: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hour, 0).toISOString();

const aMessage = (offset: number, more: Partial<Message> = {}): Message => ({
  id: 'm' + offset, conversationId: 'c1', offset, authorId: 'tom', authorName: 'Tom Reed', text: 'message ' + offset, removed: false, sentAt: at(0, offset), editedAt: null, seenBy: null, ...more,
});

/** What the server holds, and the paths of what the thread asked it: reads, read markers, blocks and unblocks. */
const server = vi.hoisted(() => ({
  conversation: null as unknown as Conversation,
  page: null as unknown as MessagePage,
  blocks: [] as Block[],
  gets: [] as string[],
  reads: [] as unknown[],
  blocked: [] as string[],
  unblocked: [] as string[],
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' } } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  type Init = { params: { path: { id: string } }; body: { offset: number } };
  return {
    ...real,
    api: {
      GET: (path: string) => {
        server.gets.push(path);
        return answer(path.endsWith('/messages') ? server.page : path === '/api/v1/me/blocks' ? { items: server.blocks }
          : path.endsWith('/people') ? { items: [] } : server.conversation);
      },
      POST: (path: string, init: Init) => {
        if (path === '/api/v1/people/{id}/block') {
          const block = { personId: init.params.path.id, name: 'Tom Reed', blockedAt: '2026-12-05T10:00:00Z' };
          server.blocked.push(block.personId);
          server.blocks = [block];
          server.conversation = { ...server.conversation, canPost: false };
          return answer(block, 201);
        }
        server.reads.push({ path, body: init.body });
        return answer({ conversationId: 'c1', offset: init.body.offset, unread: 0 });
      },
      DELETE: (_: string, init: Init) => {
        server.unblocked.push(init.params.path.id);
        server.blocks = [];
        server.conversation = { ...server.conversation, canPost: true };
        return answer(undefined, 204);
      },
    },
  };
});

const aConversation = (more: Partial<Conversation> = {}): Conversation => ({
  id: 'c1', kind: 'CIRCLE', title: 'Tuesday Circle', circleId: 'k1', canPost: true, lastOffset: 5, epoch: 'e1', unread: 2, readOffset: 2, lastMessage: null, participants: 4, ...more,
});

const aOneToOne = (more: Partial<Conversation> = {}) => aConversation({ kind: 'DIRECT', title: 'Tom Reed', circleId: null, personId: 'tom', participants: 2, ...more });

function open(queries = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  return render(
    <QueryClientProvider client={queries}>
      <MemoryRouter initialEntries={['/chats/c1']}>
        <Routes>
          <Route path="/chats/:id" element={<Thread />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('a thread on screen', () => {
  beforeEach(async () => {
    await clearAll();
    server.reads = [];
    server.gets = [];
    server.blocks = [];
    server.blocked = [];
    server.unblocked = [];
    server.conversation = aConversation();
    server.page = {
      items: [
        aMessage(5, { authorId: 'me', authorName: 'Me', seenBy: 2 }),
        aMessage(4, { removed: true, text: null }),
        aMessage(3, { editedAt: at(0, 4) }),
        aMessage(2, { sentAt: at(1, 20), authorId: 'me', authorName: 'Me' }),
        aMessage(1, { sentAt: at(1, 19) }),
      ],
      hasMore: true, lastOffset: 5, epoch: 'e1',
    };
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('shows the messages oldest first under a heading per day, his own as "You", a removed one as removed', async () => {
    open();

    const today = await screen.findByRole('heading', { name: 'Today' });
    const yesterday = screen.getByRole('heading', { name: 'Yesterday' });
    expect(yesterday.compareDocumentPosition(today) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items[0]).toMatch(/^Tom Reed.*message 1$/);
    expect(items[1]).toMatch(/^You.*message 2$/);
    expect(items[2]).toMatch(/edited/);
    expect(items[3]).toMatch(/message removed/);
    expect(items[3]).not.toMatch(/message 4/);
    expect(screen.getByRole('button', { name: 'Load earlier messages' })).toBeTruthy();
  });

  it('says under his last message how many of the others have seen it', async () => {
    open();

    const last = (await screen.findAllByRole('listitem')).at(-1)!;

    expect(within(last).getByText('Seen by 2 of 3')).toBeTruthy();
  });

  it('marks read up to the newest message of others when it opens', async () => {
    open();

    await waitFor(() => expect(server.reads).toEqual([{ path: '/api/v1/conversations/{id}/read', body: { offset: 4 } }]));
  });

  it('closes the composer, saying why, where he may no longer write', async () => {
    server.conversation = aConversation({ canPost: false });
    open();

    const field = await screen.findByRole('textbox', { name: 'Message' });

    expect((field as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByText('You can read this conversation but no longer write in it.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a message written offline at once, as not sent yet', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    open();
    const field = await screen.findByRole('textbox', { name: 'Message' });

    fireEvent.change(field, { target: { value: 'see you Tuesday' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const pending = await screen.findByText('see you Tuesday');
    expect(pending.closest('li')?.textContent).toMatch(/Not sent yet/);
    expect((field as HTMLTextAreaElement).value).toBe('');
  });

  it('says why a message was not sent in the server\'s own words', async () => {
    await enqueue({
      kind: 'message', method: 'POST', path: messagesPath('c1'), body: { text: 'see you Tuesday' }, label: 'Tuesday Circle', keepRefused: true,
      refused: { status: 403, code: 'CONVERSATION_NOT_ALLOWED', detail: 'One of you has blocked the other' },
    });

    open();

    const refused = await screen.findByRole('alert');
    expect(refused.textContent).toMatch(/Not sent: One of you has blocked the other/);
  });
});

describe('blocking the man of a one-to-one', () => {
  beforeEach(async () => {
    await clearAll();
    server.gets = [];
    server.blocks = [];
    server.blocked = [];
    server.unblocked = [];
    server.conversation = aOneToOne();
    server.page = { items: [aMessage(1)], hasMore: false, lastOffset: 1, epoch: 'e1' };
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  const menu = () => screen.findByRole('button', { name: 'More for the chat with Tom Reed' });

  it('asks him to confirm, saying what blocking does, and blocks nobody when he cancels', async () => {
    open();
    fireEvent.click(await menu());

    fireEvent.click(screen.getByRole('menuitem', { name: 'Block Tom Reed' }));
    const dialog = screen.getByRole('dialog', { name: 'Block Tom Reed?' });
    expect(within(dialog).getByText(/He can no longer message you here; he is not told\./)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.blocked).toEqual([]);
  });

  it('blocks him once he confirms, then offers to unblock him, closes the composer saying why, and reads the list and the thread again', async () => {
    const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    queries.setQueryData(conversationKeys.list(), { items: [aOneToOne()] });
    open(queries);
    fireEvent.click(await menu());
    fireEvent.click(screen.getByRole('menuitem', { name: 'Block Tom Reed' }));

    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Block' }));

    await waitFor(() => expect(server.blocked).toEqual(['tom']));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(/You blocked Tom Reed, so writing here is closed/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);
    expect(queries.getQueryState(conversationKeys.list())?.isInvalidated).toBe(true);
    await waitFor(() => expect(server.gets.filter((path) => path === '/api/v1/conversations/{id}')).toHaveLength(2));
    fireEvent.click(await menu());
    expect(screen.getByRole('menuitem', { name: 'Unblock Tom Reed' })).toBeTruthy();
  });

  it('unblocks him from the thread, and the composer opens again', async () => {
    server.blocks = [{ personId: 'tom', name: 'Tom Reed', blockedAt: '2026-12-05T10:00:00Z' }];
    server.conversation = aOneToOne({ canPost: false });
    open();
    expect(await screen.findByText(/You blocked Tom Reed/)).toBeTruthy();
    fireEvent.click(await menu());

    fireEvent.click(screen.getByRole('menuitem', { name: 'Unblock Tom Reed' }));

    await waitFor(() => expect(server.unblocked).toEqual(['tom']));
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(false));
    expect(screen.queryByText(/You blocked Tom Reed/)).toBeNull();
  });
});
