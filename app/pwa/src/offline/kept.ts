import { ApiError } from '../api/problem';
import { loadOrRecall } from './lastSeen';

const offline = (error: unknown) => error instanceof ApiError && error.offline;

/** Screens that open offline keep their last answer on the device (home, my circle, my registrations). */
export const kept = <T,>(key: string, load: () => Promise<T>) => () => loadOrRecall(key, load, offline);
