import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MutedCircle } from '../api/types';
import { MuteCircleSwitch } from './MutedCircles';

type Refusal = { status: number; code: string; detail: string };

/** The circles he muted as the server holds them; each change asked; a refusal or an odd answer for the next one. */
const server = vi.hoisted(() => ({
  muted: [] as MutedCircle[],
  asked: [] as { method: string; path: string; circleId: string }[],
  refuse: null as Refusal | null,
  answerInstead: null as MutedCircle[] | null,
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status: 200 }) });
  const change = (method: string, mute: boolean) => (path: string, init: { params: { path: { circleId: string } } }) => {
    const { circleId } = init.params.path;
    server.asked.push({ method, path, circleId });
    const refusal = server.refuse;
    if (refusal) {
      server.refuse = null;
      return Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
    }
    server.muted = server.muted.filter((c) => c.circleId !== circleId);
    if (mute) {
      server.muted.push({ circleId, name: 'Oak circle', mutedAt: '2025-03-01T10:00:00Z' });
    }
    const instead = server.answerInstead;
    server.answerInstead = null;
    return answer({ items: instead ?? server.muted });
  };
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.muted }),
      PUT: change('PUT', true),
      DELETE: change('DELETE', false),
    },
  };
});

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MuteCircleSwitch circleId="c1" />
    </QueryClientProvider>,
  );
}

const theSwitch = () => screen.findByRole('switch', { name: "Mute this circle's chat and announcements" }) as Promise<HTMLInputElement>;
const enabled = async () => {
  const element = await theSwitch();
  await waitFor(() => expect(element.disabled).toBe(false));
  return element;
};

describe('the switch that mutes his circle', () => {
  beforeEach(() => {
    server.muted = [];
    server.asked = [];
    server.refuse = null;
    server.answerInstead = null;
  });

  afterEach(cleanup);

  it('is a switch with a name, a heading and what muting does', async () => {
    open();

    const element = await enabled();
    expect(element.checked).toBe(false);
    expect(screen.getByRole('heading', { level: 2, name: 'Notifications from this circle' })).toBeTruthy();
    expect(document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent).toContain('meetings moved and must-reach messages always reach you');
  });

  it('mutes the circle and shows it muted as the server answered', async () => {
    open();

    fireEvent.click(await enabled());

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Muted: this circle's chat and announcements now stay in the app."));
    expect(server.asked).toEqual([{ method: 'PUT', path: '/api/v1/me/muted-circles/{circleId}', circleId: 'c1' }]);
    expect((await enabled()).checked).toBe(true);
  });

  it('unmutes a muted circle', async () => {
    server.muted = [{ circleId: 'c1', name: 'Oak circle', mutedAt: '2025-03-01T10:00:00Z' }];
    open();
    await waitFor(async () => expect((await theSwitch()).checked).toBe(true));

    fireEvent.click(await enabled());

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Unmuted: this circle's chat and announcements reach you as your settings say."));
    expect(server.asked).toEqual([{ method: 'DELETE', path: '/api/v1/me/muted-circles/{circleId}', circleId: 'c1' }]);
    expect((await enabled()).checked).toBe(false);
  });

  it("shows the server's answer, not what he asked", async () => {
    server.answerInstead = [];
    open();

    fireEvent.click(await enabled());

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe("Unmuted: this circle's chat and announcements reach you as your settings say."));
    expect((await enabled()).checked).toBe(false);
  });

  it("shows the server's refusal and keeps the circle as it was", async () => {
    server.refuse = { status: 404, code: 'NOT_FOUND', detail: 'No such circle' };
    open();

    fireEvent.click(await enabled());

    expect((await screen.findByRole('alert')).textContent).toContain('No such circle');
    expect((await enabled()).checked).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
