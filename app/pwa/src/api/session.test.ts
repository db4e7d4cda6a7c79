import { describe, expect, it, vi } from 'vitest';
import { Session } from './session';

function server(answers: Array<{ status: number; body?: unknown } | 'offline'>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetcher = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const next = answers.shift() ?? { status: 500 };
    if (next === 'offline') {
      throw new TypeError('Failed to fetch');
    }
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status });
  });
  return { fetcher: fetcher as unknown as typeof fetch, calls };
}

function clock() {
  const planned: Array<{ fn: () => void; ms: number }> = [];
  return {
    schedule: (fn: () => void, ms: number) => {
      planned.push({ fn, ms });
      return planned.length as unknown as ReturnType<typeof setTimeout>;
    },
    cancel: () => undefined,
    planned,
  };
}

describe('the session in the browser', () => {
  it('keeps the access token in memory only, never in storage', () => {
    const time = clock();
    const session = new Session(server([]).fetcher, time.schedule, time.cancel);

    session.start({ accessToken: 'access-1', expiresIn: 900 });

    expect(session.token()).toBe('access-1');
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('plans a silent refresh a minute before the token expires', () => {
    const time = clock();
    const session = new Session(server([]).fetcher, time.schedule, time.cancel);

    session.start({ accessToken: 'access-1', expiresIn: 900 });

    expect(time.planned.at(-1)?.ms).toBe(840_000);
  });

  it('refreshes through the cookie (same origin, no token in the body) and takes the new token', async () => {
    const time = clock();
    const api = server([{ status: 200, body: { accessToken: 'access-2', expiresIn: 900 } }]);
    const session = new Session(api.fetcher, time.schedule, time.cancel);
    session.start({ accessToken: 'access-1', expiresIn: 900 });

    time.planned.at(-1)!.fn();
    await vi.waitFor(() => expect(session.token()).toBe('access-2'));

    expect(api.calls[0].url).toBe('/api/v1/auth/refresh');
    expect(api.calls[0].init?.credentials).toBe('same-origin');
    expect(api.calls[0].init?.body).toBe('{}');
  });

  it('shares one refresh between callers that ask at once', async () => {
    const time = clock();
    const api = server([{ status: 200, body: { accessToken: 'access-2', expiresIn: 900 } }]);
    const session = new Session(api.fetcher, time.schedule, time.cancel);

    const [a, b] = await Promise.all([session.refresh(), session.refresh()]);

    expect([a, b]).toEqual([true, true]);
    expect(api.calls).toHaveLength(1);
  });

  it('signs out here when the server refuses the refresh', async () => {
    const time = clock();
    const session = new Session(server([{ status: 401, body: { code: 'REFRESH_TOKEN_REUSED' } }]).fetcher, time.schedule, time.cancel);
    session.start({ accessToken: 'access-1', expiresIn: 900 });
    const seen: boolean[] = [];
    session.subscribe((signedIn) => seen.push(signedIn));

    expect(await session.refresh()).toBe(false);

    expect(session.token()).toBeNull();
    expect(seen).toEqual([false]);
  });

  it('keeps the session when the network is down, and says the server was unreachable', async () => {
    const time = clock();
    const session = new Session(server(['offline']).fetcher, time.schedule, time.cancel);
    session.start({ accessToken: 'access-1', expiresIn: 900 });

    expect(await session.refresh()).toBe(true);

    expect(session.unreachable).toBe(true);
    expect(session.token()).toBe('access-1');
  });

  it('ends the session on the server at sign-out', async () => {
    const time = clock();
    const api = server([{ status: 204 }]);
    const session = new Session(api.fetcher, time.schedule, time.cancel);
    session.start({ accessToken: 'access-1', expiresIn: 900 });

    await session.end();

    expect(api.calls[0].url).toBe('/api/v1/auth/logout');
    expect(api.calls[0].init?.method).toBe('POST');
    expect(session.token()).toBeNull();
  });
});
