import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll } from '../../../offline/db';
import type { Conversation, Message, MessagePage } from '../api/types';
import Thread from './Thread';

const now = new Date();
const at = (daysAgo: number, hour: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hour, 0).toISOString();

const aMessage = (offset: number, more: Partial<Message> = {}): Message => ({
  id: 'm' + offset, conversationId: 'c1', offset, authorId: 'tom', authorName: 'Tom Reed', text: 'message ' + offset, removed: false, sentAt: at(0, offset), editedAt: null, seenBy: null, ...more,
});

const server = vi.hoisted(() => ({
  conversation: null as unknown as Conversation,
  page: null as unknown as MessagePage,
  reads: [] as unknown[],
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' } } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
  return {
    ...real,
    api: {
      GET: (path: string) => answer(path.endsWith('/messages') ? server.page : server.conversation),
      POST: (path: string, init: { body: { offset: number } }) => {
        server.reads.push({ path, body: init.body });
        return answer({ conversationId: 'c1', offset: init.body.offset, unread: 0 });
      },
    },
  };
});

const aConversation = (more: Partial<Conversation> = {}): Conversation => ({
  id: 'c1', kind: 'CIRCLE', title: 'Tuesday Circle', circleId: 'k1', canPost: true, lastOffset: 5, epoch: 'e1', unread: 2, readOffset: 2, lastMessage: null, participants: 4, ...more,
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
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
});
