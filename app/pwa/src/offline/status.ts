import { useEffect, useState } from 'react';
import { onQueueChange, pending } from './queue';

export function useOnline(): boolean {
  const [online, setOnline] = useState(typeof navigator === 'undefined' ? true : navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** How many actions wait in the offline queue. */
export function useQueue(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const read = () => void pending().then((actions) => setCount(actions.length)).catch(() => setCount(0));
    read();
    return onQueueChange(read);
  }, []);
  return count;
}
