import type { ImportRow, MemberImport } from './api/types';

// Imports and rows as the server answers them, for the tests: what a test does not name is a dry run of nothing.

export const aRow = (line: number, more: Partial<ImportRow> = {}): ImportRow => ({
  line, email: `man${line}@example.org`, firstName: 'Man', lastName: String(line), phone: '', circle: '', roles: '', consent: '',
  action: 'CREATE', reason: null, detail: null, changes: [], personId: null, circleId: null, consentState: 'UNKNOWN',
  outcome: null, failure: null, invitation: null, ...more,
});

export const aReport = (more: Partial<MemberImport> = {}): MemberImport => ({
  id: 'i1', status: 'PLANNED', createdAt: '2026-12-07T09:00:00Z', committedAt: null, appliedAt: null, undoneAt: null, undoableUntil: null,
  counts: { total: 0, create: 0, update: 0, unchanged: 0, skipped: 0 },
  progress: { done: 0, total: 0, failed: 0, undone: 0, kept: 0, invited: 0, toInvite: 0 },
  rows: null, ...more,
});
