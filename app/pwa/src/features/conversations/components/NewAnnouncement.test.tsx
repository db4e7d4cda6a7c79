import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Circle } from '../api/types';
import NewAnnouncement from './NewAnnouncement';

/** Who he is, the circles the server lets him see, and each announcement posted with its Idempotency-Key. */
const server = vi.hoisted(() => ({
  permissions: [] as string[],
  circles: [] as unknown[],
  posts: [] as { key: string; body: Record<string, unknown> }[],
  offline: false,
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, permissions: server.permissions } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.circles, page: 0, size: 200, totalItems: server.circles.length }),
      POST: (_: string, init: { params: { header: Record<string, string> }; body: Record<string, unknown> }) => {
        server.posts.push({ key: init.params.header['Idempotency-Key'], body: init.body });
        if (server.offline) {
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        return answer({ id: 'a9', ...init.body }, 201);
      },
    },
  };
});

const aCircle = (id: string, name: string, facilitatorIds: string[]) =>
  ({ id, name, facilitators: facilitatorIds.map((f) => ({ id: f, firstName: f, lastName: '' })), status: 'ACTIVE' }) as unknown as Circle;

function Posted() {
  return <p>opened {useParams().id}</p>;
}

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/announcements/new']}>
        <Routes>
          <Route path="/announcements/new" element={<NewAnnouncement />} />
          <Route path="/announcements/:id" element={<Posted />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const audiences = () => screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent);

describe('the form for a new announcement', () => {
  beforeEach(() => {
    server.permissions = [];
    server.circles = [aCircle('k1', 'Tuesday Circle', ['me']), aCircle('k2', 'Thursday Circle', ['tom']), aCircle('k3', 'Sunday Circle', ['me', 'tom'])];
    server.posts = [];
    server.offline = false;
  });

  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('offers everyone, a role and a circle to holders of announcements.post', () => {
    server.permissions = ['announcements.post'];
    open();

    expect(audiences()).toEqual(['Everyone in the organisation', 'Everyone with a role', 'A circle']);
  });

  it('offers a facilitator only the circles he runs', async () => {
    server.permissions = ['circles.join', 'circles.manage'];
    open();

    expect(audiences()).toEqual(['A circle']);
    const circle = await screen.findByRole('combobox', { name: /Circle/ });
    await waitFor(() => expect(circle.getAttribute('aria-disabled')).toBeNull());
    fireEvent.mouseDown(circle);
    const options = within(await screen.findByRole('listbox')).getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['Tuesday Circle', 'Sunday Circle']);
  });

  it('shows a member no form, saying who posts', () => {
    server.permissions = ['circles.join', 'events.register'];
    open();

    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    expect(screen.getByText(/Admins, leadership and the facilitators of a circle post announcements/)).toBeTruthy();
  });

  it('posts under the key made when the form opened, the same again after a network error, then opens the announcement', async () => {
    server.permissions = ['announcements.post'];
    server.offline = true;
    open();
    fireEvent.change(screen.getByRole('textbox', { name: /Title/ }), { target: { value: 'Winter retreat' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Text/ }), { target: { value: 'Brothers, the retreat is near.' } });

    fireEvent.click(screen.getByRole('button', { name: 'Post announcement' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/No connection/);
    server.offline = false;
    fireEvent.click(screen.getByRole('button', { name: 'Post announcement' }));

    expect(await screen.findByText('opened a9')).toBeTruthy();
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1].key).toBe(server.posts[0].key);
    expect(server.posts[0].body).toEqual({
      title: 'Winter retreat', body: 'Brothers, the retreat is near.', audience: 'ORGANISATION', role: null, circleId: null, commentsEnabled: true, pinnedUntil: null,
    });
  });

  it('sends nothing without a title or a text, and says which is missing', () => {
    server.permissions = ['announcements.post'];
    open();

    fireEvent.click(screen.getByRole('button', { name: 'Post announcement' }));

    expect(server.posts).toHaveLength(0);
    expect(screen.getAllByText('Required.')).toHaveLength(2);
  });
});
