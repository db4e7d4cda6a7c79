import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aCampaign, aContact } from '../fixtures';
import NewCampaign from './NewCampaign';

const server = vi.hoisted(() => ({ permissions: [] as string[], posts: [] as Record<string, unknown>[] }));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: server.permissions }, can: (p: string) => server.permissions.includes(p) }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: [aContact({ source: 'Library talk' }), aContact({ id: 'k2' })], page: 0, size: 100, totalItems: 2 }),
      POST: (_: string, init: { body: Record<string, unknown> }) => {
        server.posts.push(init.body);
        return answer(aCampaign({ id: 'c9' }), 201);
      },
    },
  };
});

beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function Opened() {
  return <p>opened {useParams().id}</p>;
}

const events = [{ id: 'e1', name: 'Movie night: Twelve Angry Men (11 Dec 2026)' }];

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/outreach/campaigns/new']}>
        <Routes>
          <Route path="/outreach/campaigns/new" element={<NewCampaign events={events} />} />
          <Route path="/outreach/campaigns/:id" element={<Opened />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('a new campaign', () => {
  beforeEach(() => {
    server.permissions = ['announcements.post'];
    server.posts = [];
  });

  afterEach(cleanup);

  it('is saved as a draft with its evening and whom it goes to, then opens', async () => {
    open();
    type(/^Title/, 'Intro evening');
    type(/^Subject of the mail/, 'Come to our intro evening');
    type(/^The text of the mail/, 'Men meet, talk and listen.');
    type(/^The evening it invites to/, 'e1');
    type(/^Only the contacts met at/, 'Library talk');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only friends brought by members' }));

    fireEvent.click(screen.getByRole('button', { name: 'Save as draft' }));

    expect(await screen.findByText('opened c9')).toBeTruthy();
    expect(server.posts).toEqual([{ title: 'Intro evening', subject: 'Come to our intro evening', body: 'Men meet, talk and listen.', eventId: 'e1', segmentSource: 'Library talk', invitedOnly: true }]);
  });

  it('sends nothing while its title, subject or text is empty', () => {
    open();
    type(/^Title/, 'Intro evening');

    fireEvent.click(screen.getByRole('button', { name: 'Save as draft' }));

    expect(server.posts).toHaveLength(0);
    expect(screen.getAllByText('Required.')).toHaveLength(2);
  });

  it('is no form for a man who does not run outreach', () => {
    server.permissions = ['circles.join'];
    open();

    expect(screen.getByText('Admins and leadership run campaigns.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('has nothing axe finds wrong', async () => {
    const { container } = open();
    screen.getByRole('form');

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
