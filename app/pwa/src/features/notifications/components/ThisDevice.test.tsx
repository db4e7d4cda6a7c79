import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushDevice } from '../api/types';
import { keyBytes } from '../device';
import { ThisDeviceSection } from './ThisDevice';

type Refusal = { status: number; code: string; detail: string };

const KEY = 'BOr3s8Yt8dL7kJ0m1-zq5n2nJb1m3FqQ7Yz8Xv4Wc0pUa9sRt6Ed5Cf4Gb3Hh2Ij1Kk0Ll9Mm8Nn7Oo6Pp5Qq4A';
const OLD_KEY = 'BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/device-1';

/** What the server holds: the key (null: push not set up), his devices; each request made; a refusal for the next POST. */
const server = vi.hoisted(() => ({
  key: null as string | null,
  devices: [] as PushDevice[],
  calls: [] as { method: string; path: string; body?: unknown; query?: unknown }[],
  refusePost: null as Refusal | null,
}));

vi.mock('../../../api/client', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../api/client')>();
  const answer = (data: unknown, status = 200) => Promise.resolve({ data: structuredClone(data), response: new Response(null, { status }) });
  const refuse = (refusal: Refusal) => Promise.resolve({ error: refusal, response: new Response(null, { status: refusal.status }) });
  return {
    ...real,
    api: {
      GET: (path: string) => {
        server.calls.push({ method: 'GET', path });
        if (path === '/api/v1/push/vapid-public-key') {
          return server.key ? answer({ publicKey: server.key }) : refuse({ status: 404, code: 'PUSH_NOT_CONFIGURED', detail: 'Push notifications are not set up on this platform' });
        }
        return answer({ items: server.devices });
      },
      POST: (path: string, init: { body: { endpoint: string; previews: boolean } }) => {
        server.calls.push({ method: 'POST', path, body: init.body });
        if (server.refusePost) {
          return refuse(server.refusePost);
        }
        const device = { endpoint: init.body.endpoint, previews: init.body.previews, createdAt: '2026-12-10T12:00:00Z', lastSeenAt: '2026-12-10T12:00:00Z' };
        server.devices = [...server.devices.filter((d) => d.endpoint !== device.endpoint), device];
        return answer(device, 201);
      },
      DELETE: (path: string, init: { params: { query: { endpoint: string } } }) => {
        server.calls.push({ method: 'DELETE', path, query: init.params.query });
        server.devices = server.devices.filter((d) => d.endpoint !== init.params.query.endpoint);
        return answer(undefined, 204);
      },
    },
  };
});

/** The browser: its permission and the answer its prompt gives, the service worker's push manager and subscription. */
const browser = {
  permission: 'default' as NotificationPermission,
  answer: 'granted' as NotificationPermission,
  subscription: null as (PushSubscription & { unsubscribe: ReturnType<typeof vi.fn> }) | null,
  requestPermission: vi.fn(),
  subscribe: vi.fn(),
};

function aSubscription(key: string, endpoint = ENDPOINT) {
  const subscription = {
    endpoint,
    options: { applicationServerKey: keyBytes(key).buffer, userVisibleOnly: true },
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'BPp256dh', auth: 'authsecret' } }),
    unsubscribe: vi.fn(async () => {
      browser.subscription = null;
      return true;
    }),
  };
  return subscription as unknown as PushSubscription & { unsubscribe: ReturnType<typeof vi.fn> };
}

function supportPush() {
  browser.requestPermission = vi.fn(async () => {
    browser.permission = browser.answer;
    return browser.answer;
  });
  browser.subscribe = vi.fn(async (options: PushSubscriptionOptionsInit) => {
    const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey as ArrayBuffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    browser.subscription = aSubscription(key, ENDPOINT);
    return browser.subscription;
  });
  const registration = { pushManager: { getSubscription: async () => browser.subscription, subscribe: browser.subscribe } };
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { getRegistration: async () => registration, ready: Promise.resolve(registration) },
  });
  vi.stubGlobal('PushManager', class {});
  vi.stubGlobal('Notification', {
    get permission() {
      return browser.permission;
    },
    requestPermission: () => browser.requestPermission(),
  });
}

function open() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <ThisDeviceSection />
    </QueryClientProvider>,
  );
}

const section = () => screen.getByRole('heading', { name: 'Notifications on this device' }).parentElement as HTMLElement;
const says = (text: string) => waitFor(() => expect(within(section()).getByText(text)).toBeTruthy());
const button = (name: string) => within(section()).findByRole('button', { name });
const status = () => within(section()).getByRole('status').textContent;
const previews = () => within(section()).getByRole('checkbox', { name: 'Show what each notification says, on the lock screen too' }) as HTMLInputElement;
const posts = () => server.calls.filter((call) => call.method === 'POST');
const deletes = () => server.calls.filter((call) => call.method === 'DELETE');

describe('notifications on this device', () => {
  beforeEach(() => {
    server.key = KEY;
    server.devices = [];
    server.calls = [];
    server.refusePost = null;
    browser.permission = 'default';
    browser.answer = 'granted';
    browser.subscription = null;
    supportPush();
  });

  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'serviceWorker');
  });

  it('are off until he asks, and the browser asks nothing before his tap', async () => {
    open();

    await says('Notifications are off for this device.');
    expect(await button('Turn on notifications on this device')).toBeTruthy();
    expect(browser.requestPermission).not.toHaveBeenCalled();
    expect(browser.subscribe).not.toHaveBeenCalled();
  });

  it('turn on at his tap: the browser asks, subscribes with the platform key and the server stores it', async () => {
    open();

    fireEvent.click(await button('Turn on notifications on this device'));

    await says('Notifications are on for this device.');
    expect(status()).toBe('Notifications are turned on for this device.');
    expect(browser.requestPermission).toHaveBeenCalledTimes(1);
    const options = browser.subscribe.mock.calls[0][0] as PushSubscriptionOptionsInit;
    expect(options.userVisibleOnly).toBe(true);
    expect(new Uint8Array(options.applicationServerKey as ArrayBuffer)).toEqual(keyBytes(KEY));
    expect(posts()).toEqual([{ method: 'POST', path: '/api/v1/me/push-subscriptions', body: { endpoint: ENDPOINT, keys: { p256dh: 'BPp256dh', auth: 'authsecret' }, previews: false } }]);
    expect(await button('Turn off notifications on this device')).toBeTruthy();
  });

  it('show their text when he chose so before turning them on', async () => {
    open();
    await says('Notifications are off for this device.');

    fireEvent.click(previews());
    fireEvent.click(await button('Turn on notifications on this device'));

    await says('Notifications are on for this device.');
    expect(posts()[0].body).toMatchObject({ previews: true });
    expect(previews().checked).toBe(true);
  });

  it('stay off, shown as blocked, when he refuses in the browser', async () => {
    browser.answer = 'denied';
    open();

    fireEvent.click(await button('Turn on notifications on this device'));

    await says("Your browser blocks notifications from Hearth. To get them, allow notifications for this site in your browser's settings, then come back here.");
    expect(browser.subscribe).not.toHaveBeenCalled();
    expect(posts()).toEqual([]);
    expect(within(section()).queryByRole('button')).toBeNull();
  });

  it('stay off, with what to do, when he closes the browser\'s question', async () => {
    browser.answer = 'default';
    open();

    fireEvent.click(await button('Turn on notifications on this device'));

    expect((await within(section()).findByRole('alert')).textContent).toContain('You did not allow notifications.');
    expect(browser.subscribe).not.toHaveBeenCalled();
    expect(within(section()).getByText('Notifications are off for this device.')).toBeTruthy();
  });

  it("stay off when the server refuses the subscription, which the browser drops again", async () => {
    server.refusePost = { status: 422, code: 'VALIDATION_FAILED', detail: 'endpoint: is not the address of a push service we send to' };
    open();

    fireEvent.click(await button('Turn on notifications on this device'));

    expect((await within(section()).findByRole('alert')).textContent).toContain('is not the address of a push service we send to');
    expect(browser.subscription).toBeNull();
    expect(within(section()).getByText('Notifications are off for this device.')).toBeTruthy();
  });

  it('turn off: the browser drops the subscription and the server forgets it', async () => {
    browser.permission = 'granted';
    browser.subscription = aSubscription(KEY);
    server.devices = [{ endpoint: ENDPOINT, previews: true, createdAt: '2026-12-01T12:00:00Z', lastSeenAt: '2026-12-10T12:00:00Z' }];
    open();
    await says('Notifications are on for this device.');
    expect(previews().checked).toBe(true);

    fireEvent.click(await button('Turn off notifications on this device'));

    await says('Notifications are off for this device.');
    expect(status()).toBe('Notifications are turned off for this device.');
    expect(browser.subscription).toBeNull();
    expect(deletes()).toEqual([{ method: 'DELETE', path: '/api/v1/me/push-subscriptions', query: { endpoint: ENDPOINT } }]);
  });

  it('once on, hide or show their text as he changes it', async () => {
    browser.permission = 'granted';
    browser.subscription = aSubscription(KEY);
    server.devices = [{ endpoint: ENDPOINT, previews: true, createdAt: '2026-12-01T12:00:00Z', lastSeenAt: '2026-12-10T12:00:00Z' }];
    open();
    await says('Notifications are on for this device.');

    fireEvent.click(previews());

    await waitFor(() => expect(status()).toBe('Saved: notifications on this device only say that something is new.'));
    expect(posts()).toEqual([{ method: 'POST', path: '/api/v1/me/push-subscriptions', body: { endpoint: ENDPOINT, keys: { p256dh: 'BPp256dh', auth: 'authsecret' }, previews: false } }]);
    expect(previews().checked).toBe(false);
  });

  it('are off where the server no longer holds this device, and on again at his tap', async () => {
    browser.permission = 'granted';
    browser.subscription = aSubscription(KEY);
    open();
    await says('Notifications are off for this device.');

    fireEvent.click(await button('Turn on notifications on this device'));

    await says('Notifications are on for this device.');
    expect(browser.subscribe).not.toHaveBeenCalled();
    expect(posts()).toHaveLength(1);
  });

  it('subscribe again with the new key after the platform changed its key', async () => {
    browser.permission = 'granted';
    const old = aSubscription(OLD_KEY, 'https://fcm.googleapis.com/fcm/send/old');
    browser.subscription = old;
    server.devices = [{ endpoint: old.endpoint, previews: false, createdAt: '2026-12-01T12:00:00Z', lastSeenAt: '2026-12-10T12:00:00Z' }];
    open();
    await says('Notifications are off for this device.');

    fireEvent.click(await button('Turn on notifications on this device'));

    await says('Notifications are on for this device.');
    expect(old.unsubscribe).toHaveBeenCalled();
    expect(browser.subscribe).toHaveBeenCalledTimes(1);
    expect(posts()[0].body).toMatchObject({ endpoint: ENDPOINT });
  });

  it('show as blocked where the browser blocks them, with nothing to tap', async () => {
    browser.permission = 'denied';
    open();

    await says("Your browser blocks notifications from Hearth. To get them, allow notifications for this site in your browser's settings, then come back here.");
    expect(within(section()).queryByRole('button')).toBeNull();
  });

  it('say so where the organisation does not send them', async () => {
    server.key = null;
    open();

    await says('Your organisation does not send notifications to devices.');
    expect(within(section()).queryByRole('button')).toBeNull();
    expect(within(section()).queryByRole('alert')).toBeNull();
  });

  it('say so where the browser cannot receive them, without asking the server', async () => {
    vi.unstubAllGlobals();
    open();

    await says('This browser cannot show notifications from Hearth. On an iPhone or iPad, add Hearth to your Home Screen and open it from there.');
    expect(server.calls).toEqual([]);
  });
});
