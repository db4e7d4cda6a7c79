import { useEffect, useState } from 'react';
import { onQueueChange, pending, waiting } from './queue';

/**
 * Whether Hearth can be reached: the browser's own word (navigator.onLine) and what the last request found, since a
 * phone on a venue's wifi may be "online" with no way to the server.
 */
let reachable = true;
const reachability = new Set<() => void>();

/** What the browser and the last request say together. */
export const isOnline = (): boolean => (typeof navigator === 'undefined' ? true : navigator.onLine) && reachable;

export function reportReachable(value: boolean): void {
  if (reachable !== value) {
    reachable = value;
    reachability.forEach((listener) => listener());
  }
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline);
  useEffect(() => {
    const update = () => setOnline(isOnline());
    const back = () => {
      // The browser says the network is back: let the next request find out, and try it now.
      reportReachable(true);
      update();
    };
    window.addEventListener('online', back);
    window.addEventListener('offline', update);
    reachability.add(update);
    return () => {
      window.removeEventListener('online', back);
      window.removeEventListener('offline', update);
      reachability.delete(update);
    };
  }, []);
  return online;
}

/** How many actions wait in the offline queue (refused ones kept for him to see wait for nothing). */
export function useQueue(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const read = () => void pending().then((actions) => setCount(waiting(actions).length)).catch(() => setCount(0));
    read();
    return onQueueChange(read);
  }, []);
  return count;
}
