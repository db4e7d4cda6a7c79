import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel, MutedCircle, NotificationKind, NotificationLevel, NotificationPreferences, NotificationSchedule, NotificationSetting, QuietHours, QuietHoursRequest } from '../api/types';
import NotificationSettings from './NotificationSettings';

type Refusal = { status: number; code: string; detail: string; errors?: { field: string; message: string }[] };

/** His settings as the server holds them; each PUT body (and each DELETE); a refusal to answer the next PUT or DELETE with. */
const server = vi.hoisted(() => ({
  view: null as unknown as NotificationPreferences,
  hours: null as unknown as QuietHours,
  schedule: { digest: 'DAILY', timeZone: 'Europe/London' } as NotificationSchedule,
  muted: [] as MutedCircle[],
  deletes: [] as { path: string; circleId: string }[],
  puts: [] as { path: string; body: unknown }[],
  refuse: null as Refusal | null,
  /** His clock, as GET /me says it (his profile's zone, else the organisation's). */
  zone: 'Europe/London',
}));

vi.mock('../../../auth', () => ({ useAuth: () => ({ me: { person: { id: 'me' }, timeZone: server.zone } }) }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  return {
    ...real,
    api: {
      GET: (path: string) =>
        answer(path.endsWith('/quiet-hours') ? server.hours : path.endsWith('/notification-schedule') ? server.schedule : path.endsWith('/muted-circles') ? { items: server.muted } : server.view),
      DELETE: (path: string, init: { params: { path: { circleId: string } } }) => {
        server.deletes.push({ path, circleId: init.params.path.circleId });
        const refusal = server.refuse;
        if (refusal) {
          server.refuse = null;
          return Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
        }
        server.muted = server.muted.filter((circle) => circle.circleId !== init.params.path.circleId);
        return answer({ items: server.muted });
      },
      PUT: (path: string, init: { body: unknown }) => {
        server.puts.push({ path, body: init.body });
        const refusal = server.refuse;
        if (refusal) {
          server.refuse = null;
          return Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
        }
        if (path.endsWith('/notification-schedule')) {
          server.schedule = { ...(init.body as NotificationSchedule), timeZone: server.zone };
          return answer(server.schedule);
        }
        if (path.endsWith('/quiet-hours')) {
          const { from, to } = init.body as QuietHoursRequest;
          server.hours = from && to ? { from, to, timeZone: server.zone } : { timeZone: server.zone };
          return answer(server.hours);
        }
        for (const changed of (init.body as { items: NotificationSetting[] }).items) {
          server.view.items = server.view.items.map((item) => (item.kind === changed.kind && item.channel === changed.channel ? changed : item));
        }
        return answer(server.view);
      },
    },
  };
});

const CHANNELS: Channel[] = ['IN_APP', 'EMAIL', 'SMS', 'PUSH'];
const levels = (kind: NotificationKind, ...each: NotificationLevel[]): NotificationSetting[] => CHANNELS.map((channel, i) => ({ kind, channel, level: each[i] }));

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={['/settings/notifications']}>
        <NotificationSettings />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const kind = (name: string) => screen.findByRole('group', { name });
const select = async (kindName: string, channel: string) => within(await kind(kindName)).getByRole('combobox', { name: channel }) as HTMLSelectElement;
const options = (element: HTMLSelectElement) => within(element).getAllByRole('option').map((option) => option.textContent);

describe('his notification settings', () => {
  beforeEach(() => {
    server.view = {
      items: [...levels('MESSAGE', 'ALL', 'DIGEST', 'OFF', 'DIRECT'), ...levels('JOIN_REQUEST', 'ALL', 'ALL', 'OFF', 'ALL'), ...levels('SAFETY', 'ALL', 'ALL', 'ALL', 'ALL')],
      channels: [{ channel: 'IN_APP', verified: true }, { channel: 'EMAIL', verified: true }, { channel: 'SMS', verified: false }, { channel: 'PUSH', verified: false }],
    };
    server.hours = { timeZone: 'Europe/London' };
    server.puts = [];
    server.refuse = null;
  });

  afterEach(cleanup);

  it('shows each kind by its name with a level per channel', async () => {
    open();

    expect(await kind('Chat messages')).toBeTruthy();
    expect(await kind('Join requests (facilitators)')).toBeTruthy();
    expect((await select('Chat messages', 'In app')).value).toBe('ALL');
    expect((await select('Chat messages', 'Email')).value).toBe('DIGEST');
    expect((await select('Chat messages', 'Push')).value).toBe('DIRECT');
    expect(within(await select('Chat messages', 'Email')).getByRole('option', { selected: true }).textContent).toBe('In my digest');
  });

  it('offers the digest by email only', async () => {
    open();

    expect(options(await select('Chat messages', 'Email'))).toEqual(['Everything', "Only what's for me", 'In my digest', 'Off']);
    for (const channel of ['In app', 'Text', 'Push']) {
      expect(options(await select('Chat messages', channel))).toEqual(['Everything', "Only what's for me", 'Off']);
    }
  });

  it('shows a channel he has not verified disabled, with what to do', async () => {
    open();

    const text = await select('Chat messages', 'Text');
    const push = await select('Chat messages', 'Push');
    expect(text.disabled).toBe(true);
    expect(push.disabled).toBe(true);
    expect((await select('Chat messages', 'Email')).disabled).toBe(false);
    const card = await kind('Chat messages');
    expect(within(card).getByText('Verify your phone in your profile')).toBeTruthy();
    expect(within(card).getByText('Allow notifications on this device')).toBeTruthy();
  });

  it('keeps safety at Everything, with nothing to change', async () => {
    open();

    const safety = await kind('Safety');
    expect(within(safety).queryByRole('combobox')).toBeNull();
    expect(safety.textContent).toContain('Everything, always');
  });

  it('saves one setting as he changes it, and says so', async () => {
    open();

    fireEvent.change(await select('Chat messages', 'Email'), { target: { value: 'DIRECT' } });

    const card = await kind('Chat messages');
    await waitFor(() => expect(within(card).getByRole('status').textContent).toBe("Saved: Email is now Only what's for me."));
    expect(server.puts).toEqual([{ path: '/api/v1/me/notification-preferences', body: { items: [{ kind: 'MESSAGE', channel: 'EMAIL', level: 'DIRECT' }] } }]);
    expect((await select('Chat messages', 'Email')).value).toBe('DIRECT');
    expect(within(await kind('Join requests (facilitators)')).getByRole('status').textContent).toBe('');
  });

  it("shows the server's reason when a channel is not verified, and keeps the level he had", async () => {
    server.refuse = { status: 422, code: 'CHANNEL_NOT_VERIFIED', detail: 'Verify your email address before you choose mail' };
    open();

    fireEvent.change(await select('Join requests (facilitators)', 'Email'), { target: { value: 'DIRECT' } });

    const card = await kind('Join requests (facilitators)');
    expect((await within(card).findByRole('alert')).textContent).toContain('Verify your email address before you choose mail');
    expect((await select('Join requests (facilitators)', 'Email')).value).toBe('ALL');
    expect(within(card).getByRole('status').textContent).toBe('');
  });
});

describe('his quiet hours', () => {
  beforeEach(() => {
    server.view = { items: levels('MESSAGE', 'ALL', 'DIGEST', 'OFF', 'DIRECT'), channels: [{ channel: 'IN_APP', verified: true }] };
    server.hours = { timeZone: 'Europe/London' };
    server.zone = 'Europe/London';
    server.puts = [];
    server.refuse = null;
  });

  afterEach(cleanup);

  const form = () => screen.findByRole('form', { name: 'Quiet hours' });
  const field = async (name: string) => within(await form()).getByLabelText(name) as HTMLInputElement;

  it('sets them, overnight, on the clock his profile keeps', async () => {
    server.zone = 'America/New_York';
    open();
    expect(within(await form()).getByText('Quiet hours are off.')).toBeTruthy();
    expect(within(await form()).queryByRole('button', { name: 'Turn off quiet hours' })).toBeNull();

    fireEvent.change(await field('From'), { target: { value: '22:00' } });
    fireEvent.change(await field('To'), { target: { value: '07:00' } });
    fireEvent.click(within(await form()).getByRole('button', { name: 'Save quiet hours' }));

    await waitFor(() => expect(screen.getByText('Quiet hours saved: 22:00 to 07:00.')).toBeTruthy());
    expect(server.puts).toEqual([{ path: '/api/v1/me/quiet-hours', body: { from: '22:00', to: '07:00' } }]);
    expect(within(await form()).getByText('Quiet from 22:00 to 07:00 (America/New York).')).toBeTruthy();
    expect(within(await form()).getByText('On your clock: America/New York.')).toBeTruthy();
    expect(within(await form()).getByRole('link', { name: 'Change your time zone' }).getAttribute('href')).toBe('/profile');
    expect((await field('From')).value).toBe('22:00');
  });

  it('turns them off', async () => {
    server.hours = { from: '22:00', to: '07:00', timeZone: 'Europe/London' };
    open();
    expect((await field('From')).value).toBe('22:00');

    fireEvent.click(within(await form()).getByRole('button', { name: 'Turn off quiet hours' }));

    await waitFor(() => expect(screen.getByText('Quiet hours are turned off.')).toBeTruthy());
    expect(server.puts).toEqual([{ path: '/api/v1/me/quiet-hours', body: {} }]);
    expect(within(await form()).getByText('Quiet hours are off.')).toBeTruthy();
    expect((await field('From')).value).toBe('');
    expect((await field('To')).value).toBe('');
  });

  it("shows the server's word on a field beside it", async () => {
    server.refuse = { status: 422, code: 'VALIDATION_FAILED', detail: 'The request is not valid', errors: [{ field: 'to', message: "must differ from 'from'" }] };
    open();

    fireEvent.change(await field('From'), { target: { value: '22:00' } });
    fireEvent.change(await field('To'), { target: { value: '22:00' } });
    fireEvent.click(within(await form()).getByRole('button', { name: 'Save quiet hours' }));

    const to = await field('To');
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toBe("must differ from 'from'");
    expect((await field('From')).getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('alert').textContent).toContain('The request is not valid');
    expect(screen.queryByText(/^Quiet hours saved/)).toBeNull();
  });
});

describe('his digest', () => {
  beforeEach(() => {
    server.view = { items: levels('MESSAGE', 'ALL', 'DIGEST', 'OFF', 'DIRECT'), channels: [{ channel: 'IN_APP', verified: true }] };
    server.hours = { timeZone: 'Europe/London' };
    server.schedule = { digest: 'DAILY', timeZone: 'Europe/London' };
    server.puts = [];
    server.refuse = null;
  });

  afterEach(cleanup);

  const form = () => screen.findByRole('form', { name: 'Digest' });

  it('says when it comes, on his clock, and turns weekly at once', async () => {
    open();
    expect(within(await form()).getByText('Your digest comes every day at 7:00 (Europe/London).')).toBeTruthy();

    fireEvent.change(within(await form()).getByRole('combobox', { name: 'How often' }), { target: { value: 'WEEKLY' } });

    await waitFor(() => expect(within(screen.getByRole('form', { name: 'Digest' })).getByText('Your digest comes every Monday at 7:00 (Europe/London).')).toBeTruthy());
    expect(server.puts).toEqual([{ path: '/api/v1/me/notification-schedule', body: { digest: 'WEEKLY' } }]);
    expect(screen.getAllByText('Saved.').length).toBeGreaterThan(0);
  });

  it("shows the server's refusal and keeps what was there", async () => {
    server.refuse = { status: 422, code: 'VALIDATION_FAILED', detail: 'The request is not valid', errors: [{ field: 'digest', message: 'is DAILY or WEEKLY' }] };
    open();

    fireEvent.change(within(await form()).getByRole('combobox', { name: 'How often' }), { target: { value: 'WEEKLY' } });

    await waitFor(() => expect(screen.getByText('is DAILY or WEEKLY')).toBeTruthy());
    expect(within(await form()).getByText('Your digest comes every day at 7:00 (Europe/London).')).toBeTruthy();
  });
});

describe('the circles he muted', () => {
  beforeEach(() => {
    server.view = { items: levels('MESSAGE', 'ALL', 'DIGEST', 'OFF', 'DIRECT'), channels: [{ channel: 'IN_APP', verified: true }] };
    server.hours = { timeZone: 'Europe/London' };
    server.schedule = { digest: 'DAILY', timeZone: 'Europe/London' };
    server.muted = [
      { circleId: 'c1', name: 'Oak circle', mutedAt: '2025-03-01T10:00:00Z' },
      { circleId: 'c2', name: 'Ash circle', mutedAt: '2025-03-02T10:00:00Z' },
    ];
    server.deletes = [];
    server.puts = [];
    server.refuse = null;
  });

  afterEach(cleanup);

  const list = () => screen.findByRole('list', { name: 'Muted circles' });

  it('lists them under their heading, each with a button to unmute it', async () => {
    open();

    expect(screen.getByRole('heading', { level: 2, name: 'Muted circles' })).toBeTruthy();
    expect(within(await list()).getAllByRole('listitem').map((item) => item.querySelector('p')?.textContent)).toEqual(['Oak circle', 'Ash circle']);
    expect(within(await list()).getByRole('button', { name: 'Unmute Ash circle' })).toBeTruthy();
  });

  it('unmutes one and shows the list the server answered', async () => {
    open();

    fireEvent.click(within(await list()).getByRole('button', { name: 'Unmute Oak circle' }));

    await waitFor(() => expect(screen.getByText('Oak circle is unmuted.')).toBeTruthy());
    expect(server.deletes).toEqual([{ path: '/api/v1/me/muted-circles/{circleId}', circleId: 'c1' }]);
    expect(within(await list()).queryByRole('button', { name: 'Unmute Oak circle' })).toBeNull();
    expect(within(await list()).getByRole('button', { name: 'Unmute Ash circle' })).toBeTruthy();
  });

  it('says so when he muted none', async () => {
    server.muted = [];
    open();

    expect(await screen.findByText('You have not muted any circle. You can mute your circle on its page.')).toBeTruthy();
  });

  it("shows the server's refusal beside the circle and keeps it", async () => {
    server.refuse = { status: 403, code: 'FORBIDDEN', detail: 'Not yours to change' };
    open();

    fireEvent.click(within(await list()).getByRole('button', { name: 'Unmute Oak circle' }));

    expect((await within(await list()).findByRole('alert')).textContent).toContain('Not yours to change');
    expect(within(await list()).getByRole('button', { name: 'Unmute Oak circle' })).toBeTruthy();
  });
});
