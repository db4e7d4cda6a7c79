import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, must } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { safetyKeys } from './keys';
import type { CrisisLine, CrisisLines } from './types';

// The crisis lines of his organisation. The last answer is kept in localStorage rather than with the screens' data in
// IndexedDB: it is read synchronously, so the lines are on the first paint with or without a network, and it is the
// organisation's list, nothing of his, so it outlives a sign-out (a man who lost his session still finds the numbers).

const STORED = 'hearth.crisis-lines';

/** How long the copy on the device is taken as current before the screens that keep it ask again (the Reach out screen always asks). */
const KEEP_FRESH = 6 * 60 * 60 * 1000;

export interface StoredLines {
  lines: CrisisLines;
  /** When the server answered them, as ms since the epoch. */
  savedAt: number;
}

/** The lines this device saw last, if any (none when storage is refused or holds something else). */
export function storedLines(): StoredLines | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(STORED);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    const stored = parsed as StoredLines | undefined;
    return stored && typeof stored.savedAt === 'number' && Array.isArray(stored.lines?.lines) ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the server's answer on the device; a full or refused storage keeps nothing, and the screen still shows what it has. */
export function keepLines(lines: CrisisLines, now = Date.now()): void {
  try {
    globalThis.localStorage?.setItem(STORED, JSON.stringify({ lines, savedAt: now } satisfies StoredLines));
  } catch {
    // Storage refused (private mode, quota): the lines are still on screen, only not kept.
  }
}

export const getCrisisLines = () => must(api.GET('/api/v1/crisis-lines'));

/** The lines from the server, kept on the device; until the server answers (or without a network) the copy kept last. */
export const crisisLinesQuery = () =>
  queryOptions({
    queryKey: safetyKeys.lines(),
    queryFn: () =>
      getCrisisLines().then((lines) => {
        keepLines(lines);
        return lines;
      }),
    initialData: () => storedLines()?.lines,
    initialDataUpdatedAt: () => storedLines()?.savedAt,
  });

/** The Reach out screen: asks the server each time it opens, and shows the kept copy at once meanwhile. */
export const useCrisisLines = () => useQuery(crisisLinesQuery());

/**
 * For screens he opens often (home): reads the lines when the copy on the device is older than a few hours, so that
 * they are there offline even if he has never opened Reach out on this device.
 */
export const useKeepCrisisLines = () => {
  useQuery({ ...crisisLinesQuery(), staleTime: KEEP_FRESH, refetchOnWindowFocus: false });
};

/**
 * Admins keep the organisation's list, in the order men see it; an empty list goes back to Hearth's default for the
 * organisation's country. 422 with field errors naming `lines[i].name` and the like. The answer is what men now see.
 */
export const saveCrisisLines = (lines: CrisisLine[]) => must(api.PUT('/api/v1/crisis-lines', { body: { lines } }));

export const useSaveCrisisLines = (after?: After<CrisisLines, CrisisLine[]>) =>
  useRequest(saveCrisisLines, (queries, answer) => {
    keepLines(answer);
    queries.setQueryData(safetyKeys.lines(), answer);
  }, after);
