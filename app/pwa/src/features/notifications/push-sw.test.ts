import { describe, expect, it, vi } from 'vitest';
import source from '../../../public/push-sw.js?raw';

// The file the generated service worker imports, run as the worker runs it, against a stand-in for its global scope.

const ORIGIN = 'https://north.hearth.test';

interface Shown {
  title: string;
  options: NotificationOptions & { data: { link: string; id: string | null }; tag?: string; requireInteraction?: boolean };
}

interface Window {
  url: string;
  focused: boolean;
  focus: () => Promise<Window>;
  navigate: (url: string) => Promise<Window | null>;
}

type Handler = (event: Record<string, unknown>) => void;

function aWindow(url: string, focused = false, navigable = true): Window {
  const client: Window = {
    url,
    focused,
    focus: vi.fn(async () => client),
    navigate: vi.fn(async (to: string) => {
      if (!navigable) {
        throw new TypeError('This service worker is not the client\'s active service worker.');
      }
      client.url = to;
      return client;
    }),
  };
  return client;
}

function worker(...windows: Window[]) {
  const handlers: Record<string, Handler> = {};
  const shown: Shown[] = [];
  const opened: string[] = [];
  const scope = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, handler: Handler) => {
      handlers[type] = handler;
    },
    registration: {
      showNotification: async (title: string, options: Shown['options']) => {
        shown.push({ title, options });
      },
    },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url: string) => {
        opened.push(url);
        return null;
      },
    },
  };
  new Function('self', source)(scope);
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    let until: Promise<unknown> = Promise.resolve();
    handlers[type]({ ...event, waitUntil: (promise: Promise<unknown>) => void (until = promise) });
    await until;
  };
  return {
    shown,
    opened,
    /** A push as the push service hands it over: its data read as JSON, or none. */
    push: (text?: string) => dispatch('push', { data: text === undefined ? null : { json: () => JSON.parse(text), text: () => text } }),
    click: async (data: unknown) => {
      const close = vi.fn();
      await dispatch('notificationclick', { notification: { data, close } });
      return close;
    },
  };
}

const payload = (more: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'n1', kind: 'MESSAGE', safety: false, title: 'Ben wrote in your circle', body: 'See you Thursday', link: '/chats/c1', ...more });

describe('a push', () => {
  it('shows its title and text, with the app icon, and keeps its link', async () => {
    const sw = worker();

    await sw.push(payload());

    expect(sw.shown).toEqual([{
      title: 'Ben wrote in your circle',
      options: { body: 'See you Thursday', icon: '/icons/icon-192.png', data: { link: '/chats/c1', id: 'n1' }, tag: 'notification-n1', requireInteraction: false },
    }]);
  });

  it('without a preview shows what the server sent in its place', async () => {
    const sw = worker();

    await sw.push(payload({ title: 'North Men', body: 'You have a new notification' }));

    expect(sw.shown[0].title).toBe('North Men');
    expect(sw.shown[0].options.body).toBe('You have a new notification');
  });

  it('with no data, or data that is not JSON, still shows a neutral notification', async () => {
    const sw = worker();

    await sw.push();
    await sw.push('not json');
    await sw.push(JSON.stringify({ title: '  ', body: 42 }));

    expect(sw.shown.map((n) => [n.title, n.options.body, n.options.data.link, n.options.tag])).toEqual([
      ['Hearth', 'You have a new notification', '/notifications', undefined],
      ['Hearth', 'You have a new notification', '/notifications', undefined],
      ['Hearth', 'You have a new notification', '/notifications', undefined],
    ]);
  });

  it('of a safety notice stays on screen until he acts on it', async () => {
    const sw = worker();

    await sw.push(payload({ kind: 'SAFETY', safety: true }));

    expect(sw.shown[0].options.requireInteraction).toBe(true);
  });

  it.each(['https://elsewhere.test/chats', '//elsewhere.test/chats', '/\\elsewhere.test', 'javascript:alert(1)', 'chats/c1', 42])(
    'never links out of the app (%s goes to the notification centre)',
    async (link) => {
      const sw = worker();

      await sw.push(payload({ link }));

      expect(sw.shown[0].options.data.link).toBe('/notifications');
    },
  );

  it('keeps the query and fragment of a path of the app', async () => {
    const sw = worker();

    await sw.push(payload({ link: '/events/e1?tab=staff#care' }));

    expect(sw.shown[0].options.data.link).toBe('/events/e1?tab=staff#care');
  });
});

describe('a tap on a notification', () => {
  it('closes it, focuses the open window of the app and takes it to the link', async () => {
    const open = aWindow(ORIGIN + '/');
    const sw = worker(open);

    const close = await sw.click({ link: '/chats/c1' });

    expect(close).toHaveBeenCalled();
    expect(open.focus).toHaveBeenCalled();
    expect(open.navigate).toHaveBeenCalledWith(ORIGIN + '/chats/c1');
    expect(sw.opened).toEqual([]);
  });

  it('prefers the window he is looking at, and leaves other sites alone', async () => {
    const other = aWindow('https://elsewhere.test/', true);
    const background = aWindow(ORIGIN + '/events');
    const focused = aWindow(ORIGIN + '/', true);
    const sw = worker(other, background, focused);

    await sw.click({ link: '/chats/c1' });

    expect(focused.navigate).toHaveBeenCalledWith(ORIGIN + '/chats/c1');
    expect(background.navigate).not.toHaveBeenCalled();
    expect(other.focus).not.toHaveBeenCalled();
  });

  it('only focuses a window already at the link', async () => {
    const there = aWindow(ORIGIN + '/chats/c1');
    const sw = worker(there);

    await sw.click({ link: '/chats/c1' });

    expect(there.focus).toHaveBeenCalled();
    expect(there.navigate).not.toHaveBeenCalled();
  });

  it('opens the app at the link when no window of it is open', async () => {
    const sw = worker();

    await sw.click({ link: '/events/e1' });

    expect(sw.opened).toEqual([ORIGIN + '/events/e1']);
  });

  it('opens a window when the one open cannot be taken there', async () => {
    const uncontrolled = aWindow(ORIGIN + '/', false, false);
    const sw = worker(uncontrolled);

    await sw.click({ link: '/events/e1' });

    expect(sw.opened).toEqual([ORIGIN + '/events/e1']);
  });

  it('goes to the notification centre for a link out of the app, or none', async () => {
    const sw = worker();

    await sw.click({ link: 'https://elsewhere.test/' });
    await sw.click(null);

    expect(sw.opened).toEqual([ORIGIN + '/notifications', ORIGIN + '/notifications']);
  });
});
