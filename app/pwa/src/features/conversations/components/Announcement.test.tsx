import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll } from '../../../offline/db';
import type { Announcement as AnnouncementView } from '../api/types';
import Announcement from './Announcement';

/** The server as the screen meets it: each comment's Idempotency-Key and text are noted; while `offline`, nothing arrives. */
const server = vi.hoisted(() => ({
  announcement: null as unknown as AnnouncementView,
  comments: [] as { key: string; text: string }[],
  offline: false,
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, permissions: [] } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer(server.announcement),
      POST: (_: string, init: { params: { header: Record<string, string> }; body: { text: string } }) => {
        server.comments.push({ key: init.params.header['Idempotency-Key'], text: init.body.text });
        if (server.offline) {
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        return answer({ id: 'n' + server.comments.length, authorId: 'me', authorName: 'Me', text: init.body.text, writtenAt: '2026-12-05T10:00:00Z' }, 201);
      },
    },
  };
});

const anAnnouncement = (more: Partial<AnnouncementView> = {}): AnnouncementView => ({
  id: 'a1', authorId: 'tom', authorName: 'Tom Reed', title: 'Winter retreat', body: 'Brothers,\nthe retreat is near.', audience: 'CIRCLE', role: null, circleId: 'k1',
  circleName: 'Tuesday Circle', commentsEnabled: true, pinnedUntil: null, pinned: false, publishedAt: '2026-12-01T09:00:00Z', commentCount: 1,
  comments: [{ id: 'c1', authorId: 'sam', authorName: 'Sam Hill', text: 'I will be there.', writtenAt: '2026-12-02T09:00:00Z' }],
  ...more,
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/announcements/a1']}>
        <Routes>
          <Route path="/announcements/:id" element={<Announcement />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function send(text: string) {
  fireEvent.change(await screen.findByRole('textbox', { name: 'Your comment' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send comment' }));
}

describe('an announcement on screen', () => {
  beforeEach(async () => {
    await clearAll();
    server.announcement = anAnnouncement();
    server.comments = [];
    server.offline = false;
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('shows it whole, whom it is for, and its comments', async () => {
    open();

    expect(await screen.findByRole('heading', { level: 1, name: 'Winter retreat' })).toBeTruthy();
    expect(screen.getByText('To Tuesday Circle')).toBeTruthy();
    expect(screen.getByText(/the retreat is near/)).toBeTruthy();
    const comments = screen.getByRole('list', { name: 'Comments' });
    expect(within(comments).getByText('I will be there.')).toBeTruthy();
    // The form is named apart from its field, so that "Your comment" finds one thing.
    expect(within(screen.getByRole('form', { name: 'Write a comment' })).getByRole('textbox', { name: 'Your comment' })).toBeTruthy();
    expect(screen.getAllByLabelText('Your comment')).toHaveLength(1);
  });

  it('sends a comment again under the same Idempotency-Key after a network error, and a new comment under a new one', async () => {
    server.offline = true;
    open();

    await send('Count me in.');
    expect((await screen.findByRole('alert')).textContent).toMatch(/No connection/);
    expect((screen.getByRole('textbox', { name: 'Your comment' }) as HTMLTextAreaElement).value).toBe('Count me in.');
    server.offline = false;
    fireEvent.click(screen.getByRole('button', { name: 'Send comment' }));
    expect(await within(screen.getByRole('list', { name: 'Comments' })).findByText('Count me in.')).toBeTruthy();
    await send('And my brother.');
    await within(screen.getByRole('list', { name: 'Comments' })).findByText('And my brother.');

    expect(server.comments.map((c) => c.text)).toEqual(['Count me in.', 'Count me in.', 'And my brother.']);
    expect(server.comments[1].key).toBe(server.comments[0].key);
    expect(server.comments[2].key).not.toBe(server.comments[0].key);
    expect((screen.getByRole('textbox', { name: 'Your comment' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('hides the comment form, saying why, when its author turned comments off', async () => {
    server.announcement = anAnnouncement({ commentsEnabled: false });
    open();

    expect(await screen.findByText('Comments are off.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Your comment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send comment' })).toBeNull();
  });
});
