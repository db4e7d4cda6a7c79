import { has, locale, t } from '../../i18n/t';
import type { ImportRow, MemberImport } from './api/types';

// What the import screens work out from an import as the server answers it: which rows a filter shows, how far it has
// run, and whether it can still be undone.

export const FILTERS = ['ALL', 'CREATE', 'UPDATE', 'UNCHANGED', 'SKIPPED', 'FAILED'] as const;
export type RowFilter = (typeof FILTERS)[number];

/** The rows a filter shows: by the planned action, or those that failed when applied. */
export function rowsShown(rows: readonly ImportRow[], filter: RowFilter): ImportRow[] {
  if (filter === 'ALL') {
    return [...rows];
  }
  if (filter === 'FAILED') {
    return rows.filter((row) => row.outcome === 'FAILED');
  }
  return rows.filter((row) => row.action === filter);
}

/** How many rows each filter shows, for its label. */
export function filterCounts(report: MemberImport): Record<RowFilter, number> {
  const { counts, progress } = report;
  return { ALL: counts.total, CREATE: counts.create, UPDATE: counts.update, UNCHANGED: counts.unchanged, SKIPPED: counts.skipped, FAILED: progress.failed };
}

/** How far it has run: while applying, rows tried of those to create or update; while undoing, rows put back or kept of those applied. */
export function stepsDone(report: MemberImport): { done: number; of: number } {
  const { progress } = report;
  if (report.status === 'UNDOING' || report.status === 'UNDONE') {
    return { done: progress.undone + progress.kept, of: Math.max(0, progress.done - progress.failed) };
  }
  return { done: progress.done, of: progress.total };
}

export const percent = ({ done, of }: { done: number; of: number }): number => (of === 0 ? 100 : Math.min(100, Math.round((done * 100) / of)));

/** Whether the admin may undo it now: applied, and the server's window (undoableUntil) not over. */
export const undoable = (report: MemberImport, now: Date): boolean =>
  report.status === 'APPLIED' && !!report.undoableUntil && now.getTime() < new Date(report.undoableUntil).getTime();

/** Rows a commit would create or update: none, and there is nothing to import. */
export const toImport = (report: MemberImport): number => report.counts.create + report.counts.update;

/** A text that says a number of rows, in its plural form for the number (English: one, other). */
export function counted(key: string, n: number, params: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(locale()).select(n);
  return t(has(key + '.' + form) ? key + '.' + form : key + '.other', { ...params, n });
}
