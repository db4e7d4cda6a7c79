import type { Document } from './api/types';

// Documents as the server answers them, for the tests: what a test does not name is the organisation's waiver at
// version 1, a text file, that he has not acknowledged and does not manage.

export const aDocument = (more: Partial<Document> = {}): Document => ({
  id: 'd1', kind: 'WAIVER', title: 'Retreat waiver', audience: 'ORGANISATION', circleId: null, eventId: null, version: 1,
  fileName: 'waiver.txt', contentType: 'text/plain', sizeBytes: 1830, sha256: 'ab'.repeat(32), updatedAt: '2026-12-01T09:00:00Z',
  acknowledgedVersion: null, acknowledged: false, canManage: false, acknowledgements: null, ...more,
});
