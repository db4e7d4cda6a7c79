import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, must } from './api/client';
import { session, type Tokens } from './api/session';
import type { Me } from './api/types';
import { clearAll } from './offline/db';
import { recall, remember } from './offline/lastSeen';
import { reportReachable } from './offline/status';

/** The signed-in person and what he may do: the session's own request, read at start-up, after sign-in and when asked. */
const getMe = () => must(api.GET('/api/v1/me'));

type State =
  | { status: 'booting' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; me: Me; offline: boolean };

interface Auth {
  state: State;
  me: Me | null;
  can: (permission: string) => boolean;
  start: (tokens: Tokens) => Promise<void>;
  signOut: () => Promise<void>;
  reloadMe: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'booting' });
  const queries = useQueryClient();

  const loadMe = useCallback(async () => {
    const me = await getMe();
    await remember('me', me);
    setState({ status: 'signedIn', me, offline: false });
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (await session.refresh()) {
        try {
          await loadMe();
          return;
        } catch {
          // fall through to the offline check
        }
      }
      const seen = await recall<Me>('me').catch(() => undefined);
      if (session.unreachable) {
        reportReachable(false);
      }
      if (!cancelled) {
        // Without a network, the person this device saw last may read what it saw; nothing is sent until he is back.
        setState(session.unreachable && seen ? { status: 'signedIn', me: seen.value, offline: true } : { status: 'signedOut' });
      }
    })();
    const stop = session.subscribe((signedIn) => {
      if (!signedIn && !session.unreachable) {
        setState({ status: 'signedOut' });
      }
    });
    const back = () => {
      if (!session.signedIn()) {
        void session.refresh().then((ok) => (ok ? loadMe() : undefined)).catch(() => undefined);
      }
    };
    window.addEventListener('online', back);
    return () => {
      cancelled = true;
      stop();
      window.removeEventListener('online', back);
    };
  }, [loadMe]);

  const value = useMemo<Auth>(() => {
    const me = state.status === 'signedIn' ? state.me : null;
    return {
      state,
      me,
      can: (permission) => Boolean(me?.permissions.includes(permission)),
      start: async (tokens) => {
        session.start(tokens);
        await loadMe();
      },
      signOut: async () => {
        await session.end();
        await clearAll().catch(() => undefined);
        queries.clear();
        setState({ status: 'signedOut' });
      },
      reloadMe: loadMe,
    };
  }, [state, loadMe, queries]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) {
    throw new Error('useAuth outside AuthProvider');
  }
  return auth;
}
