import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepThisDeviceSeen } from './push';
import type { PushDevice } from './types';

const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/device-1';
const DAY = 24 * 60 * 60 * 1000;

const server = vi.hoisted(() => ({ devices: [] as PushDevice[], posts: [] as unknown[] }));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  return {
    ...real,
    api: {
      GET: () => answer({ items: server.devices }),
      POST: (_path: string, init: { body: { endpoint: string; previews: boolean } }) => {
        server.posts.push(init.body);
        return answer({ ...init.body, createdAt: '2026-12-01T12:00:00Z', lastSeenAt: '2026-12-10T12:00:00Z' }, 201);
      },
    },
  };
});

const held = (previews: boolean): PushDevice => ({ endpoint: ENDPOINT, previews, createdAt: '2026-12-01T12:00:00Z', lastSeenAt: '2026-12-01T12:00:00Z' });

describe('a device that allows his notifications, as the app starts', () => {
  beforeEach(() => {
    server.devices = [];
    server.posts = [];
    localStorage.clear();
    const subscription = { endpoint: ENDPOINT, toJSON: () => ({ endpoint: ENDPOINT, keys: { p256dh: 'BPp256dh', auth: 'authsecret' } }) };
    const registration = { pushManager: { getSubscription: async () => subscription } };
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { getRegistration: async () => registration } });
    vi.stubGlobal('PushManager', class {});
    vi.stubGlobal('Notification', { permission: 'granted' });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'serviceWorker');
  });

  it('is stored again, seen now, with his choice of previews kept', async () => {
    server.devices = [held(true)];

    await keepThisDeviceSeen(10 * DAY);

    expect(server.posts).toEqual([{ endpoint: ENDPOINT, keys: { p256dh: 'BPp256dh', auth: 'authsecret' }, previews: true }]);
  });

  it('is stored again at most once a day', async () => {
    server.devices = [held(false)];

    await keepThisDeviceSeen(10 * DAY);
    await keepThisDeviceSeen(10 * DAY + DAY - 1);
    await keepThisDeviceSeen(11 * DAY);

    expect(server.posts).toHaveLength(2);
  });

  it('is not stored for him when the server does not hold it for him: he turns it on himself', async () => {
    await keepThisDeviceSeen(10 * DAY);

    expect(server.posts).toEqual([]);
  });
});
