import { t } from '../../i18n/t';

// The browser's side of push on this device: what it supports and allows, and its subscription through the service
// worker. What the server is told is in ./api/push.

/** How long to wait for the service worker to be active before a subscription can be made. */
const WORKER_WAIT_MS = 10_000;

/** Push needs a service worker, the Push API and notifications (an iPhone has them only in an installed app). */
export const pushSupported = (): boolean =>
  typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

export const permission = (): NotificationPermission => Notification.permission;

/** Asks the browser for permission: to be called in his tap itself, as some browsers let only a tap ask. */
export const askPermission = (): Promise<NotificationPermission> => Notification.requestPermission();

/** The VAPID public key (base64url, as the server gives it) as the bytes `applicationServerKey` takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) {
    bytes[i] = raw.charCodeAt(i);
  }
  return bytes;
}

const madeWith = (subscription: PushSubscription, key: Uint8Array): boolean => {
  const current = subscription.options?.applicationServerKey;
  if (!current) {
    return false;
  }
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, i) => byte === key[i]);
};

/**
 * This device's subscription, if it has one; with a key given, only one made with that key (after the platform
 * changed its key, an older one no longer receives anything).
 */
export async function currentSubscription(key?: string): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = registration ? await registration.pushManager.getSubscription() : null;
  return subscription && (key === undefined || madeWith(subscription, keyBytes(key))) ? subscription : null;
}

async function activeWorker(): Promise<ServiceWorkerRegistration> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(t('notifications.device.noWorker'))), WORKER_WAIT_MS);
  });
  try {
    return await Promise.race([navigator.serviceWorker.ready, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Subscribes this device with the platform's key; one made with another key is dropped first. */
export async function subscribeDevice(key: string): Promise<PushSubscription> {
  const registration = await activeWorker();
  const bytes = keyBytes(key);
  const existing = await registration.pushManager.getSubscription();
  if (existing && madeWith(existing, bytes)) {
    return existing;
  }
  await existing?.unsubscribe();
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes });
}
