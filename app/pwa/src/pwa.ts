import { useEffect, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';

let waiting = false;
let update: ((reload?: boolean) => Promise<void>) | null = null;
const listeners = new Set<() => void>();

/** Registers the service worker once; a new version waits until the person chooses to update. */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator) || update) {
    return;
  }
  update = registerSW({
    onNeedRefresh() {
      waiting = true;
      listeners.forEach((listener) => listener());
    },
  });
}

export function useUpdatePrompt(): { waiting: boolean; apply: () => void } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return { waiting, apply: () => void update?.(true) };
}
