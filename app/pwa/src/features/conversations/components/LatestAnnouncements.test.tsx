import 'fake-indexeddb/auto';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearAll } from '../../../offline/db';
import type { Announcement } from '../api/types';
import { LatestAnnouncements } from './LatestAnnouncements';

const server = vi.hoisted(() => ({ items: [] as Announcement[], asked: [] as unknown[] }));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, permissions: [] } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  return {
    ...real,
    api: {
      GET: (_: string, init: { params: { query: unknown } }) => {
        server.asked.push(init.params.query);
        return Promise.resolve({ data: { items: server.items, page: 0, size: 3, totalItems: server.items.length }, response: new Response(null, { status: 200 }) });
      },
    },
  };
});

const anAnnouncement = (id: string, more: Partial<Announcement> = {}): Announcement => ({
  id, authorId: 'tom', authorName: 'Tom Reed', title: 'Title ' + id, body: 'Body of ' + id, audience: 'ORGANISATION', role: null, circleId: null, circleName: null,
  commentsEnabled: true, pinnedUntil: null, pinned: false, publishedAt: '2026-12-01T09:00:00Z', commentCount: 0, comments: [], ...more,
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <LatestAnnouncements />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("Home's announcements", () => {
  beforeEach(async () => {
    await clearAll();
    server.asked = [];
  });

  afterEach(cleanup);

  it('shows the newest three, a pinned one marked in words, each with whom it is for, its comments and a link to read it whole', async () => {
    server.items = [
      anAnnouncement('a1', { pinned: true, pinnedUntil: '2026-12-20T00:00:00Z', commentCount: 2 }),
      anAnnouncement('a2', { audience: 'ROLE', role: 'PTM', authorId: 'me' }),
      anAnnouncement('a3', { audience: 'CIRCLE', circleId: 'k1', circleName: 'Tuesday Circle', commentsEnabled: false }),
    ];
    open();

    const [first, second, third] = await screen.findAllByRole('article');

    expect(server.asked).toEqual([{ page: 0, size: 3 }]);
    expect(within(first).getByRole('heading', { level: 3, name: 'Title a1' })).toBeTruthy();
    expect(within(first).getByText('Pinned')).toBeTruthy();
    expect(within(first).getByText('To everyone')).toBeTruthy();
    expect(within(first).getByText('2 comments')).toBeTruthy();
    expect(within(first).getByRole('link', { name: 'Read it all: Title a1' }).getAttribute('href')).toBe('/announcements/a1');
    expect(within(second).queryByText('Pinned')).toBeNull();
    expect(within(second).getByText('You')).toBeTruthy();
    expect(within(second).getByText('To the production team')).toBeTruthy();
    expect(within(third).getByText('To Tuesday Circle')).toBeTruthy();
    expect(within(third).getByText('Comments are off.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See all announcements' }).getAttribute('href')).toBe('/announcements');
  });

  it('says so briefly when there are none', async () => {
    server.items = [];
    open();

    expect(await screen.findByText('No announcements yet.')).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
  });
});
