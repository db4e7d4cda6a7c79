import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aPoll } from '../fixtures';
import NewPoll from './NewPoll';

/** Who he is, the circle as the server holds it, each poll sent with its Idempotency-Key, and the refusal the next one gets. */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  facilitators: ['me'] as string[],
  posts: [] as { key: string; body: Record<string, unknown> }[],
  refusal: null as null | Record<string, unknown>,
}));

vi.mock('../../../auth', () => ({
  useAuth: () => ({ me: { person: { id: 'me' }, permissions: server.permissions, timeZone: 'America/New_York' }, can: (p: string) => server.permissions.includes(p) }),
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: (path: string) =>
        path === '/api/v1/circles/{id}'
          ? answer({ id: 'c1', name: 'Oak circle', facilitators: server.facilitators.map((id) => ({ id, firstName: id, lastName: '' })), status: 'ACTIVE',
              schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2026-09-01T18:00:00Z', timeZone: 'Europe/London', minutes: 90 } })
          : answer({ items: [{ plannedStart: '2027-01-05T19:00:00Z', start: '2027-01-05T19:00:00Z', end: '2027-01-05T20:30:00Z', moved: false, cancelled: false }], page: 0, size: 20, totalItems: 1 }),
      POST: (_: string, init: { params: { header: Record<string, string> }; body: Record<string, unknown> }) => {
        server.posts.push({ key: init.params.header['Idempotency-Key'], body: init.body });
        if (server.refusal) {
          const refusal = server.refusal;
          server.refusal = null;
          return Promise.resolve({ error: refusal, response: new Response(null, { status: Number(refusal.status) }) });
        }
        return answer(aPoll({ id: 'p9' }), 201);
      },
    },
  };
});

function Asked() {
  return <p>opened {useParams().id}</p>;
}

// axe asks a canvas whether text is an icon font; jsdom has none to give.
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

function open(at: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[at]}>
        <Routes>
          <Route path="/polls/new" element={<NewPoll />} />
          <Route path="/polls/:id" element={<Asked />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the form for a new poll', () => {
  beforeEach(() => {
    server.permissions = ['circles.join', 'circles.manage'];
    server.facilitators = ['me'];
    server.posts = [];
    server.refusal = null;
  });

  afterEach(cleanup);

  it("asks his circle when to meet: the times typed on his clock, the quorum and the circle's zone locked, then opens the poll", async () => {
    open('/polls/new?circleId=c1');
    expect(await screen.findByRole('heading', { level: 1, name: 'New poll for Oak circle' })).toBeTruthy();
    expect(screen.getByText('You type times in your time zone (America/New York).')).toBeTruthy();

    type(/^Question/, 'When do we meet in January?');
    type(/^Time 1/, '2027-01-12T19:00');
    type(/^Time 2/, '2027-01-13T19:00');
    type(/^Places at time 2/, '6');
    type(/^Quorum/, '3');
    fireEvent.click(screen.getByRole('checkbox', { name: "Show the times to everyone in the circle's time zone (Europe/London)" }));
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));

    expect(await screen.findByText('opened p9')).toBeTruthy();
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.posts[0].body).toEqual({
      scope: 'CIRCLE', circleId: 'c1', kind: 'MEETING_TIME', question: 'When do we meet in January?',
      options: [{ startsAt: '2027-01-13T00:00:00.000Z' }, { startsAt: '2027-01-14T00:00:00.000Z', capacity: 6 }], lockTimeZone: true, quorum: 3,
    });
  });

  it('shows the server\'s word on a field beside it, and sends again under the same key', async () => {
    server.refusal = {
      status: 422, code: 'VALIDATION_ERROR', detail: 'The request is not valid',
      errors: [{ field: 'options[0].startsAt', message: 'is in the past: a slot must be in the future' }],
    };
    open('/polls/new?circleId=c1');
    await screen.findByRole('heading', { level: 1, name: 'New poll for Oak circle' });
    type(/^Question/, 'When do we meet?');
    type(/^Time 1/, '2020-01-12T19:00');
    type(/^Time 2/, '2027-01-13T19:00');

    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('options[0].startsAt: is in the past: a slot must be in the future');
    const time1 = screen.getByLabelText(/^Time 1/);
    expect(time1.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(time1.getAttribute('aria-describedby') ?? '')?.textContent).toBe('is in the past: a slot must be in the future');
    expect(screen.getByLabelText(/^Time 2/).getAttribute('aria-invalid')).toBe('false');

    type(/^Time 1/, '2027-01-12T19:00');
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('opened p9')).toBeTruthy();
    expect(server.posts.map((p) => p.key)).toEqual([server.posts[0].key, server.posts[0].key]);
  });

  it('asks the organisation a question with its options, several choices allowed and anonymous, for holders of announcements.post', async () => {
    server.permissions = ['announcements.post'];
    open('/polls/new');
    fireEvent.click(screen.getByRole('radio', { name: 'A question' }));
    type(/^Question/, 'Which book next?');
    type(/^Option 1/, 'Iron John');
    type(/^Option 2/, 'The Way of Men');
    fireEvent.click(screen.getByRole('button', { name: 'Add an option' }));
    type(/^Option 3/, 'Fire in the Belly');
    fireEvent.click(screen.getByRole('button', { name: 'Remove option 2' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Men may choose more than one' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^Anonymous/ }));
    expect(screen.queryByLabelText(/^Quorum/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));

    expect(await screen.findByText('opened p9')).toBeTruthy();
    expect(server.posts[0].body).toEqual({
      scope: 'ORGANISATION', kind: 'CHOICE', question: 'Which book next?', options: [{ label: 'Iron John' }, { label: 'Fire in the Belly' }], multiple: true, anonymous: true,
    });
  });

  it('sends nothing while the question or an option is empty, and says which', async () => {
    open('/polls/new?circleId=c1');
    await screen.findByRole('heading', { level: 1, name: 'New poll for Oak circle' });
    type(/^Time 1/, '2027-01-12T19:00');

    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));

    expect(server.posts).toHaveLength(0);
    expect(screen.getAllByText('Required.')).toHaveLength(2);
  });

  it('offers no form to a man who may not ask, and says who may', async () => {
    server.facilitators = ['tom'];
    open('/polls/new?circleId=c1');

    expect(await screen.findByText("Only the circle's facilitators and admins ask the circle.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ask' })).toBeNull();
    cleanup();

    server.permissions = ['circles.join'];
    open('/polls/new');
    expect(screen.getByText(/Admins and leadership ask the whole organisation/)).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('has nothing axe finds wrong', async () => {
    const { container } = open('/polls/new?circleId=c1');
    await screen.findByRole('heading', { level: 1, name: 'New poll for Oak circle' });
    within(container).getByRole('form');

    const found = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });

    expect(found.passes.length).toBeGreaterThan(0);
    expect(found.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | '))).toEqual([]);
  });
});
