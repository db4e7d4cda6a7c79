import { get, put } from './db';

/** The last answer a screen got, kept so that it opens offline; tagged with when it was seen. */
export interface Seen<T> {
  value: T;
  savedAt: string;
}

export async function remember<T>(key: string, value: T): Promise<void> {
  await put('data', key, { value, savedAt: new Date().toISOString() } satisfies Seen<T>);
}

export async function recall<T>(key: string): Promise<Seen<T> | undefined> {
  return get<Seen<T>>('data', key);
}

/**
 * Loads from the network and remembers the answer; offline (a network failure), answers what was seen last.
 * Any other failure (a 403, a 404) is the server's word and is not hidden behind old data.
 */
export async function loadOrRecall<T>(key: string, load: () => Promise<T>, isOffline: (error: unknown) => boolean): Promise<T> {
  try {
    const value = await load();
    await remember(key, value);
    return value;
  } catch (error) {
    if (isOffline(error)) {
      const seen = await recall<T>(key);
      if (seen) {
        return seen.value;
      }
    }
    throw error;
  }
}
