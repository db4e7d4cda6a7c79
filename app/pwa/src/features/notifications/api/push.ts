import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { ApiError } from '../../../api/problem';
import { t } from '../../../i18n/t';
import { currentSubscription, permission, pushSupported, subscribeDevice } from '../device';
import { notificationKeys } from './keys';
import type { PushDevice } from './types';

// Push on this device: the platform's key, his devices, and this device's subscription stored or dropped. The
// browser's side (permission, the subscription itself) is in ../device.

export const getVapidKey = () => must(api.GET('/api/v1/push/vapid-public-key')).then((answer) => answer.publicKey);

/** The key browsers subscribe with, or null where push is not set up (404 PUSH_NOT_CONFIGURED). */
export const vapidKey = (): Promise<string | null> =>
  getVapidKey().catch((failure: unknown) => {
    if (failure instanceof ApiError && failure.code === 'PUSH_NOT_CONFIGURED') {
      return null;
    }
    throw failure;
  });

export const getPushDevices = () => must(api.GET('/api/v1/me/push-subscriptions'));

/** Stores this device's subscription (again: refreshed and seen now), with whether its notifications show their text. */
export function savePushSubscription(subscription: PushSubscription, previews: boolean): Promise<PushDevice> {
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) {
    return Promise.reject(new Error(t('notifications.device.noWorker')));
  }
  return must(api.POST('/api/v1/me/push-subscriptions', { body: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, previews } }));
}

/** This device no longer allows notifications (204 also when the server did not hold it). */
export const deletePushSubscription = (endpoint: string) =>
  must(api.DELETE('/api/v1/me/push-subscriptions', { params: { query: { endpoint } } })).then(() => undefined);

/** Notifications on this device, as he can change them here. */
export type ThisDevice =
  | { state: 'unsupported' | 'unavailable' | 'blocked' }
  | { state: 'off'; key: string }
  | { state: 'on'; key: string; endpoint: string; previews: boolean };

/**
 * On only where the browser holds a subscription with the platform's key and the server holds it for him: one the
 * server dropped (unseen for long, or another man's on a shared device) is off until he turns it on here.
 */
export async function readThisDevice(): Promise<ThisDevice> {
  if (!pushSupported()) {
    return { state: 'unsupported' };
  }
  const key = await vapidKey();
  if (key === null) {
    return { state: 'unavailable' };
  }
  if (permission() === 'denied') {
    return { state: 'blocked' };
  }
  const subscription = permission() === 'granted' ? await currentSubscription(key) : null;
  const listed = subscription ? (await getPushDevices()).items.find((device) => device.endpoint === subscription.endpoint) : undefined;
  return subscription && listed ? { state: 'on', key, endpoint: subscription.endpoint, previews: listed.previews } : { state: 'off', key };
}

export const thisDeviceQuery = () => queryOptions({ queryKey: notificationKeys.device(), queryFn: readThisDevice });

export const useThisDevice = () => useQuery(thisDeviceQuery());

/** Whether push is his changes his channels too: the push levels are offered once a device allows them. */
const deviceChanged = (queries: QueryClient) => {
  void queries.invalidateQueries({ queryKey: notificationKeys.device() });
  void queries.invalidateQueries({ queryKey: notificationKeys.preferences() });
};

export interface TurnOn {
  key: string;
  previews: boolean;
  /** The browser's answer, asked in his tap. */
  permission: Promise<NotificationPermission>;
}

/**
 * Subscribes this device and tells the server. Refused by the browser, it stays off (blocked then shows); a
 * subscription the server refuses is dropped again, so that the device never looks on while nothing reaches it.
 */
export async function turnOn({ key, previews, permission: asked }: TurnOn): Promise<void> {
  const answer = await asked;
  if (answer === 'denied') {
    return;
  }
  if (answer !== 'granted') {
    throw new Error(t('notifications.device.notAllowed'));
  }
  const subscription = await subscribeDevice(key);
  try {
    await savePushSubscription(subscription, previews);
  } catch (failure) {
    await subscription.unsubscribe().catch(() => false);
    throw failure;
  }
}

export const useTurnOn = (after?: After<void, TurnOn>) => useRequest(turnOn, deviceChanged, after);

/** Drops the subscription in the browser first (so the device is off even without a network), then on the server. */
export async function turnOff(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) {
    return;
  }
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe();
  await deletePushSubscription(endpoint);
}

export const useTurnOff = (after?: After<void, void>) => useRequest(turnOff, deviceChanged, after);

/** Whether this device's notifications show their text: its subscription stored again with the choice. */
export async function setPreviews(previews: boolean): Promise<PushDevice> {
  const subscription = await currentSubscription();
  if (!subscription) {
    throw new Error(t('notifications.device.noWorker'));
  }
  return savePushSubscription(subscription, previews);
}

export const useSetPreviews = (after?: After<PushDevice, boolean>) =>
  useRequest(setPreviews, (queries, device) => queries.setQueryData<ThisDevice>(notificationKeys.device(), (now) => (now?.state === 'on' ? { ...now, previews: device.previews } : now)), after);

const SEEN_KEY = 'hearth.push.seen';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Tells the server, at most once a day, that this device still receives his notifications: one unseen for 60 days is
 * dropped. Only a device the server holds for him is refreshed (his choice of previews kept); nothing is asked of him.
 */
export async function keepThisDeviceSeen(now = Date.now()): Promise<void> {
  if (!pushSupported() || permission() !== 'granted' || now - Number(localStorage.getItem(SEEN_KEY) ?? 0) < DAY_MS) {
    return;
  }
  const subscription = await currentSubscription();
  if (!subscription) {
    return;
  }
  const listed = (await getPushDevices()).items.find((device) => device.endpoint === subscription.endpoint);
  if (listed) {
    await savePushSubscription(subscription, listed.previews);
  }
  localStorage.setItem(SEEN_KEY, String(now));
}

/** Once he is signed in: this device kept seen (above); a failure waits for the next start. */
export function useKeepThisDeviceSeen(): void {
  useEffect(() => {
    void keepThisDeviceSeen().catch(() => undefined);
  }, []);
}
