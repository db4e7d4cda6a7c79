import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, download, must, send } from '../../../api/client';
import { useRequest, type After } from '../../../api/mutation';
import { ApiError } from '../../../api/problem';
import { importKeys } from './keys';
import type { ImportRow, ImportStatus, MemberImport } from './types';

// Member imports: checking a file (the dry run), one import's summary and rows, importing it, undoing or discarding
// it, and the members file to download.

/** While an import runs its summary is read again this often, for its progress. */
export const POLL_MS = 1000;

export const running = (status: ImportStatus | undefined): boolean => status === 'APPLYING' || status === 'UNDOING';

/**
 * Sends the file as it is, bytes and all (the server reads it as strict UTF-8: decoding it here first would hide a
 * file in another encoding), and answers the dry run with every row planned.
 */
export async function checkFile(file: Blob): Promise<MemberImport> {
  const response = await send('/api/v1/members/imports?dryRun=true', { method: 'POST', body: file, headers: { 'Content-Type': 'text/csv' } });
  return (await response.json()) as MemberImport;
}

export const getImport = (id: string, rows: boolean) => must(api.GET('/api/v1/members/imports/{id}', { params: { path: { id }, query: { rows } } }));

/** Counts, status and progress without the rows: what is read again every second while the import runs. */
export const importSummaryQuery = (id: string) =>
  queryOptions({
    queryKey: importKeys.summary(id),
    queryFn: () => getImport(id, false),
    refetchInterval: (query) => (running(query.state.data?.status) ? POLL_MS : false),
  });

/** Every row as it stood at this status: read once per status, not on every poll (a file may have 10,000 rows). */
export const importRowsQuery = (id: string, status: ImportStatus) =>
  queryOptions({ queryKey: importKeys.rows(id, status), queryFn: async (): Promise<ImportRow[]> => (await getImport(id, true)).rows ?? [] });

/** The import as an answer has it: its summary, and its rows at its status when the answer has them. */
const answered = (queries: QueryClient, report: MemberImport) => {
  queries.setQueryData(importKeys.summary(report.id), { ...report, rows: null });
  if (report.rows) {
    queries.setQueryData(importKeys.rows(report.id, report.status), report.rows);
  }
};

/** A refusal that says the import moved on meanwhile (another admin committed or undid it): it is read again. */
function readAgainOnConflict<T>(queries: QueryClient, id: string, request: () => Promise<T>) {
  return () =>
    request().catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 409) {
        void queries.invalidateQueries({ queryKey: importKeys.summary(id) });
      }
      throw error;
    });
}

/** The dry run of a file; the screen opens the import it answers. */
export const useCheckFile = (after?: After<MemberImport, Blob>) => useRequest(checkFile, answered, after);

export const commitImport = (id: string) => must(api.POST('/api/v1/members/imports/{id}/commit', { params: { path: { id } } }));

/** Imports the dry run's rows as they stand now; it runs in the background and its progress is polled. */
export function useCommitImport(id: string) {
  const queries = useQueryClient();
  return useRequest(readAgainOnConflict(queries, id, () => commitImport(id)), answered);
}

/** Undoes an applied import (202 with it, undoing) or discards a dry run (204, nothing). */
export const undoImport = async (id: string): Promise<MemberImport | undefined> =>
  (await must(api.DELETE('/api/v1/members/imports/{id}', { params: { path: { id } } }))) ?? undefined;

/** Undoes the import, or discards the dry run: then all of it is forgotten here too. */
export function useUndoImport(id: string, after?: After<MemberImport | undefined, void>) {
  const queries = useQueryClient();
  return useRequest(
    readAgainOnConflict(queries, id, () => undoImport(id)),
    (cache, report) => (report ? answered(cache, report) : cache.removeQueries({ queryKey: importKeys.one(id) })),
    after,
  );
}

/** Every member in the import's shape (formulas neutralised by the server), as the browser's download. */
export const downloadMembers = () => download('/api/v1/members/export.csv', 'members.csv');

export const useDownloadMembers = () => useRequest(downloadMembers, null);
