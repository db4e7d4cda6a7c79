import { describe, expect, it } from 'vitest';
import { aReport, aRow } from './fixtures';
import { counted, filterCounts, percent, rowsShown, stepsDone, toImport, undoable } from './imports';

const rows = [
  aRow(2), aRow(3, { action: 'UPDATE', changes: ['firstName'] }), aRow(4, { action: 'SKIPPED', reason: 'FORMULA' }),
  aRow(5, { action: 'UNCHANGED' }), aRow(6, { outcome: 'FAILED', failure: 'EMAIL_TAKEN: taken' }),
];

describe('what the import screen works out', () => {
  it('shows the rows of one action, or those that failed, in file order', () => {
    expect(rowsShown(rows, 'ALL').map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(rowsShown(rows, 'CREATE').map((r) => r.line)).toEqual([2, 6]);
    expect(rowsShown(rows, 'SKIPPED').map((r) => r.line)).toEqual([4]);
    expect(rowsShown(rows, 'FAILED').map((r) => r.line)).toEqual([6]);
  });

  it('counts each filter from the server\'s counts, failures from its progress', () => {
    const report = aReport({ counts: { total: 5, create: 2, update: 1, unchanged: 1, skipped: 1 }, progress: { ...aReport().progress, failed: 1 } });
    expect(filterCounts(report)).toEqual({ ALL: 5, CREATE: 2, UPDATE: 1, UNCHANGED: 1, SKIPPED: 1, FAILED: 1 });
    expect(toImport(report)).toBe(3);
  });

  it('measures applying by the rows tried, undoing by the rows put back or kept of those applied', () => {
    const progress = { done: 8, total: 10, failed: 2, undone: 3, kept: 1, invited: 0, toInvite: 0 };
    expect(stepsDone(aReport({ status: 'APPLYING', progress }))).toEqual({ done: 8, of: 10 });
    expect(stepsDone(aReport({ status: 'UNDOING', progress }))).toEqual({ done: 4, of: 6 });
    expect(percent({ done: 4, of: 6 })).toBe(67);
    expect(percent({ done: 0, of: 0 })).toBe(100);
  });

  it('offers undo only for an applied import inside the server\'s window', () => {
    const applied = aReport({ status: 'APPLIED', undoableUntil: '2026-12-08T09:00:00Z' });
    expect(undoable(applied, new Date('2026-12-08T08:59:59Z'))).toBe(true);
    expect(undoable(applied, new Date('2026-12-08T09:00:00Z'))).toBe(false);
    expect(undoable({ ...applied, status: 'APPLYING' }, new Date('2026-12-07T10:00:00Z'))).toBe(false);
    expect(undoable({ ...applied, status: 'UNDONE' }, new Date('2026-12-07T10:00:00Z'))).toBe(false);
  });

  it('says one row and many rows each in its own words', () => {
    expect(counted('imports.commit', 1)).toBe('Import 1 row');
    expect(counted('imports.commit', 3)).toBe('Import 3 rows');
    expect(counted('imports.applied', 1, { when: 'today' })).toBe('Imported on today: 1 row.');
    expect(counted('imports.failed', 0)).toBe('0 rows could not be imported: see why below.');
  });
});
