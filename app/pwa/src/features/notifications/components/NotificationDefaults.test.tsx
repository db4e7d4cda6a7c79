import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mayOpen } from '../../../menu';
import type { Channel, NotificationKind, NotificationLevel, NotificationSetting } from '../api/types';
import NotificationDefaults from './NotificationDefaults';

type Refusal = { status: number; code: string; detail: string };

/** The organisation's defaults as the server holds them; each PUT body; a refusal for the next GET or PUT; a change another admin made meanwhile. */
const server = vi.hoisted(() => ({
  items: [] as NotificationSetting[],
  puts: [] as { path: string; body: unknown }[],
  refuseGet: null as Refusal | null,
  refusePut: null as Refusal | null,
  meanwhile: null as NotificationSetting | null,
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  const refused = (refusal: Refusal) => Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
  const apply = (changed: NotificationSetting) => {
    server.items = server.items.map((item) => (item.kind === changed.kind && item.channel === changed.channel ? changed : item));
  };
  return {
    ...real,
    api: {
      GET: () => (server.refuseGet ? refused(server.refuseGet) : answer({ items: server.items })),
      PUT: (path: string, init: { body: { items: NotificationSetting[] } }) => {
        server.puts.push({ path, body: init.body });
        if (server.refusePut) {
          return refused(server.refusePut);
        }
        init.body.items.forEach(apply);
        if (server.meanwhile) {
          apply(server.meanwhile);
        }
        return answer({ items: server.items });
      },
    },
  };
});

const CHANNELS: Channel[] = ['IN_APP', 'EMAIL', 'SMS', 'PUSH'];
const levels = (kind: NotificationKind, ...each: NotificationLevel[]): NotificationSetting[] => CHANNELS.map((channel, i) => ({ kind, channel, level: each[i] }));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/admin/settings/notifications']}>
        <NotificationDefaults />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const kind = (name: string) => screen.findByRole('group', { name });
const select = async (kindName: string, channel: string) => within(await kind(kindName)).getByRole('combobox', { name: channel }) as HTMLSelectElement;

describe("the organisation's notification defaults", () => {
  beforeEach(() => {
    server.items = [...levels('MESSAGE', 'ALL', 'DIGEST', 'OFF', 'DIRECT'), ...levels('ANNOUNCEMENT', 'ALL', 'ALL', 'OFF', 'ALL'), ...levels('SAFETY', 'ALL', 'ALL', 'ALL', 'ALL')];
    server.puts = [];
    server.refuseGet = null;
    server.refusePut = null;
    server.meanwhile = null;
  });

  afterEach(cleanup);

  it('opens to those who manage the organisation only', () => {
    expect(mayOpen('/admin/settings/notifications', ['organisation.manage'])).toBe(true);
    expect(mayOpen('/admin/settings/notifications', ['circles.join', 'events.register', 'members.manage'])).toBe(false);
  });

  it('shows each kind with a level per channel, every channel open, and says defaults need a verified channel', async () => {
    open();

    expect(screen.getByRole('heading', { level: 1, name: 'Notification defaults' })).toBeTruthy();
    expect((await select('Chat messages', 'Email')).value).toBe('DIGEST');
    for (const channel of ['In app', 'Email', 'Text', 'Push']) {
      expect((await select('Chat messages', channel)).disabled).toBe(false);
    }
    expect(within(await kind('Chat messages')).queryByText('Verify your phone in your profile')).toBeNull();
    expect(screen.getByText(/A default applies only on a channel the man has verified/)).toBeTruthy();
  });

  it('keeps safety at Everything, with nothing to change', async () => {
    open();

    const safety = await kind('Safety');
    expect(within(safety).queryByRole('combobox')).toBeNull();
    expect(safety.textContent).toContain('Everything, always');
  });

  it("saves one default as it is changed and shows the whole list the server answered", async () => {
    server.meanwhile = { kind: 'ANNOUNCEMENT', channel: 'PUSH', level: 'OFF' };
    open();

    fireEvent.change(await select('Chat messages', 'Text'), { target: { value: 'DIRECT' } });

    const card = await kind('Chat messages');
    await waitFor(() => expect(within(card).getByRole('status').textContent).toBe("Saved: Text is now Only what's for me."));
    expect(server.puts).toEqual([{ path: '/api/v1/organisation/notification-defaults', body: { items: [{ kind: 'MESSAGE', channel: 'SMS', level: 'DIRECT' }] } }]);
    expect((await select('Chat messages', 'Text')).value).toBe('DIRECT');
    expect((await select('Announcements', 'Push')).value).toBe('OFF');
  });

  it('shows the refusal to one who may not keep them', async () => {
    server.refuseGet = { status: 403, code: 'FORBIDDEN', detail: 'You may not manage the organisation' };
    open();

    expect((await screen.findByRole('alert')).textContent).toContain('You may not manage the organisation');
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('shows a refused change in its card and keeps the level there was', async () => {
    server.refusePut = { status: 403, code: 'FORBIDDEN', detail: 'You may not manage the organisation' };
    open();

    fireEvent.change(await select('Chat messages', 'Email'), { target: { value: 'OFF' } });

    const card = await kind('Chat messages');
    expect((await within(card).findByRole('alert')).textContent).toContain('You may not manage the organisation');
    expect((await select('Chat messages', 'Email')).value).toBe('DIGEST');
    expect(within(card).getByRole('status').textContent).toBe('');
  });
});
