import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepLines } from '../api/crisisLines';
import type { CrisisLines, ReachOut as ReachOutType } from '../api/types';
import ReachOut from './ReachOut';

/** The server as the screen sees it: the organisation's lines, the reach-outs he made or was alerted to, and each request made. */
const server = vi.hoisted(() => ({
  lines: null as unknown as CrisisLines,
  reachOuts: [] as ReachOutType[],
  offline: false,
  failNextPost: false,
  alerted: [] as { personId: string; name: string }[],
  posts: [] as { path: string; key?: string; body?: unknown }[],
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, permissions: [] } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  const refuse = (status: number, code: string, detail: string) => Promise.resolve({ error: { status, code, detail }, response: new Response(null, { status }) });
  const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));
  return {
    ...real,
    api: {
      GET: (path: string, init?: { params: { path: { id: string } } }) => {
        if (server.offline) {
          return unreachable();
        }
        if (path === '/api/v1/crisis-lines') {
          return answer(server.lines);
        }
        if (path === '/api/v1/reach-outs') {
          return answer({ items: server.reachOuts });
        }
        const found = server.reachOuts.find((r) => r.id === init?.params.path.id);
        return found ? answer(found) : refuse(404, 'NOT_FOUND', 'No reach-out for you has this id');
      },
      POST: (path: string, init: { params: { header?: Record<string, string>; path?: { id: string } }; body?: unknown }) => {
        server.posts.push({ path, key: init.params.header?.['Idempotency-Key'], body: init.body });
        if (server.failNextPost) {
          server.failNextPost = false;
          return unreachable();
        }
        if (path === '/api/v1/reach-out') {
          const body = init.body as { message: string | null };
          const made: ReachOutType = {
            id: 'r-' + server.reachOuts.length, from: { personId: 'me', name: 'Mark Bell' }, message: body.message, createdAt: new Date().toISOString(),
            alerted: server.alerted, takenBy: null, takenAt: null, mine: true,
          };
          server.reachOuts.unshift(made);
          return answer({ reachOut: made, lines: server.lines, repeated: false }, 201);
        }
        const found = server.reachOuts.find((r) => r.id === init.params.path?.id)!;
        if (found.takenBy && found.takenBy.personId !== 'me') {
          return refuse(409, 'CONFLICT', found.takenBy.name + ' is on it already');
        }
        found.takenBy = { personId: 'me', name: 'Me Myself' };
        found.takenAt = new Date().toISOString();
        return answer(found);
      },
    },
  };
});

const hearthDefault = (): CrisisLines => ({
  country: 'GB', custom: false, note: "Hearth's default list, last checked 2026-12. Admins: check these numbers for your organisation.",
  lines: [
    { name: 'Emergency services', phone: '999', sms: null, url: null, hours: '24/7' },
    { name: 'Samaritans', phone: '116 123', sms: null, url: 'https://www.samaritans.org', hours: '24/7, free' },
    { name: 'Shout', phone: null, sms: 'Text SHOUT to 85258', url: 'https://giveusashout.org', hours: '24/7, free' },
  ],
});

const fromSam = (more: Partial<ReachOutType> = {}): ReachOutType => ({
  id: 'sam1', from: { personId: 'sam', name: 'Sam Hale' }, message: 'Rough night. Can someone call?', createdAt: new Date(Date.now() - 600_000).toISOString(),
  alerted: [{ personId: 'me', name: 'Me Myself' }, { personId: 'joe', name: 'Joe Park' }], takenBy: null, takenAt: null, mine: false, ...more,
});

let queries: QueryClient;

function open() {
  queries = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queries}>
      <MemoryRouter initialEntries={['/reach-out']}>
        <Routes>
          <Route path="/reach-out" element={<ReachOut />} />
          <Route path="*" element={null} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const linesList = () => screen.findByRole('list', { name: 'Lines you can call now' });

describe('Reach out', () => {
  beforeEach(() => {
    localStorage.clear();
    server.lines = hearthDefault();
    server.reachOuts = [];
    server.offline = false;
    server.failNextPost = false;
    server.alerted = [{ personId: 'tom', name: 'Tom Reed' }, { personId: 'joe', name: 'Joe Park' }];
    server.posts = [];
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("shows his organisation's crisis lines, each number a link that calls it, and says when the list is Hearth's default", async () => {
    open();

    const lines = await linesList();

    expect(within(lines).getByRole('link', { name: 'Call Samaritans on 116 123' }).getAttribute('href')).toBe('tel:116123');
    expect(within(lines).getByRole('link', { name: 'Call Emergency services on 999' }).getAttribute('href')).toBe('tel:999');
    expect(within(lines).getByRole('link', { name: 'Text Shout: Text SHOUT to 85258' }).getAttribute('href')).toBe('sms:85258?body=SHOUT');
    expect(screen.getByText(/Admins: check these numbers/)).toBeTruthy();
  });

  it("does not call an organisation's own list a default", async () => {
    server.lines = { country: 'GB', custom: true, note: null, lines: [{ name: 'Our warm line', phone: '0800 000 000', sms: null, url: null, hours: 'Evenings' }] };
    open();

    expect(within(await linesList()).getByRole('link', { name: 'Call Our warm line on 0800 000 000' })).toBeTruthy();
    expect(screen.queryByText(/check these numbers/)).toBeNull();
  });

  it('keeps the lines on the device, and shows them without a network, saying they are the copy from then', async () => {
    open();
    await within(await linesList()).findByRole('link', { name: 'Call Samaritans on 116 123' });
    cleanup();
    server.offline = true;

    open();

    expect(within(screen.getByRole('list', { name: 'Lines you can call now' })).getByRole('link', { name: 'Call Samaritans on 116 123' })).toBeTruthy();
    expect(await screen.findByText(/No connection just now: these are the lines this device saved on/)).toBeTruthy();
  });

  it('shows the kept lines at once, before the server answers', () => {
    keepLines({ ...hearthDefault(), lines: [{ name: 'Kept line', phone: '111', sms: null, url: null, hours: null }] });

    open();

    expect(within(screen.getByRole('list', { name: 'Lines you can call now' })).getByRole('link', { name: 'Call Kept line on 111' })).toBeTruthy();
  });

  it('says to call the emergency number when the lines were never loaded and the server cannot be reached', async () => {
    server.offline = true;
    open();

    expect((await screen.findByRole('alert')).textContent).toContain('call your local emergency number now');
  });

  it('alerts his facilitators and care team with his message and an Idempotency-Key, and says to whom it went', async () => {
    open();

    fireEvent.change(screen.getByLabelText('A short message (optional)'), { target: { value: 'Rough night. Can someone call?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Alert my facilitators and care team' }));

    expect(await screen.findByText('Sent to Tom Reed and Joe Park.')).toBeTruthy();
    expect(screen.getByText(/Waiting for one of them to answer/)).toBeTruthy();
    const post = server.posts.find((p) => p.path === '/api/v1/reach-out')!;
    expect(post.body).toEqual({ message: 'Rough night. Can someone call?', alert: true });
    expect(post.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends without a message too', async () => {
    open();

    fireEvent.click(screen.getByRole('button', { name: 'Alert my facilitators and care team' }));

    expect(await screen.findByText('Sent to Tom Reed and Joe Park.')).toBeTruthy();
    expect(server.posts[0].body).toEqual({ message: null, alert: true });
  });

  it('tells him plainly when no one could be alerted', async () => {
    server.alerted = [];
    open();

    fireEvent.click(screen.getByRole('button', { name: 'Alert my facilitators and care team' }));

    expect(await screen.findByText(/No one could be alerted/)).toBeTruthy();
  });

  it('without a network says the lines still work by phone, and sending again uses the same key', async () => {
    server.failNextPost = true;
    open();
    fireEvent.change(screen.getByLabelText('A short message (optional)'), { target: { value: 'Please call' } });
    fireEvent.click(screen.getByRole('button', { name: 'Alert my facilitators and care team' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The lines above work by phone without internet');

    fireEvent.click(screen.getByRole('button', { name: 'Alert my facilitators and care team' }));

    expect(await screen.findByText('Sent to Tom Reed and Joe Park.')).toBeTruthy();
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1].key).toBe(server.posts[0].key);
  });

  it('refuses a message longer than the server takes, before sending', async () => {
    open();

    fireEvent.change(screen.getByLabelText('A short message (optional)'), { target: { value: 'x'.repeat(1001) } });

    expect(screen.getByText(/at most 1000 bytes; this one is 1001/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Alert my facilitators and care team' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('reads his reach-out again every 15 seconds and says who is on it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Alert my facilitators and care team' }));
    await screen.findByText('Sent to Tom Reed and Joe Park.');

    server.reachOuts[0].takenBy = { personId: 'tom', name: 'Tom Reed' };
    await act(() => vi.advanceTimersByTimeAsync(15_000));

    expect(await screen.findByText('Tom Reed is on it and will get in touch with you.')).toBeTruthy();
  });

  it('shows his reach-out of the last day when he comes back to the screen', async () => {
    server.reachOuts = [{ ...fromSam(), id: 'mine1', from: { personId: 'me', name: 'Mark Bell' }, mine: true, message: 'Bad day', takenBy: { personId: 'tom', name: 'Tom Reed' } }];
    open();

    expect(await screen.findByText('Tom Reed is on it and will get in touch with you.')).toBeTruthy();
    expect(screen.getByText('Your message: Bad day')).toBeTruthy();
  });

  it('shows no section of men who reached out to someone who was alerted to none', async () => {
    open();
    await linesList();
    await waitFor(() => expect(queries.getQueryState(['safety', 'reach-outs', 'list'])?.status).toBe('success'));

    expect(screen.queryByRole('heading', { name: 'Men who reached out' })).toBeNull();
  });

  it("shows a facilitator the men who reached out to him, and takes one with I'm on it", async () => {
    server.reachOuts = [fromSam()];
    open();

    const card = await screen.findByRole('article', { name: 'Sam Hale reached out' });
    expect(within(card).getByText('Rough night. Can someone call?')).toBeTruthy();
    expect(within(card).getByText('Alerted: Me Myself and Joe Park')).toBeTruthy();
    expect(within(card).getByText('No one has taken it yet.')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: "I'm on it: Sam Hale" }));

    expect(await within(card).findByText('You are on it. The others alerted can see that.')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /I'm on it/ })).toBeNull();
    expect(server.posts.map((p) => p.path)).toEqual(['/api/v1/reach-outs/{id}/take']);
  });

  it('says who took it first when another man did, and shows it taken', async () => {
    server.reachOuts = [fromSam()];
    open();
    const card = await screen.findByRole('article', { name: 'Sam Hale reached out' });
    server.reachOuts[0].takenBy = { personId: 'joe', name: 'Joe Park' };

    fireEvent.click(within(card).getByRole('button', { name: "I'm on it: Sam Hale" }));

    expect((await within(card).findByRole('alert')).textContent).toContain('Joe Park is on it already');
    expect(await within(card).findByText('Joe Park is on it.')).toBeTruthy();
  });
});
