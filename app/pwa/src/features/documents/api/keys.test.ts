import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { documentKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of documents', () => {
  it('let a change reach every list, his, a circle\'s and an event\'s, but not the documents themselves', () => {
    for (const list of [documentKeys.list(), documentKeys.list({ circleId: 'c1' }), documentKeys.list({ eventId: 'e1' })]) {
      expect(reaches(documentKeys.lists(), list)).toBe(true);
    }
    expect(reaches(documentKeys.lists(), documentKeys.detail('d1'))).toBe(false);
  });

  it('keep a circle\'s list apart from an event\'s with the same id, and from his own', () => {
    expect(reaches(documentKeys.list({ circleId: 'x' }), documentKeys.list({ eventId: 'x' }))).toBe(false);
    expect(reaches(documentKeys.list(), documentKeys.list({ circleId: 'x' }))).toBe(false);
  });

  it('put a document\'s files under it, one key per version, and keep one document apart from another', () => {
    expect(reaches(documentKeys.detail('d1'), documentKeys.file('d1', 2))).toBe(true);
    expect(reaches(documentKeys.file('d1', 1), documentKeys.file('d1', 2))).toBe(false);
    expect(reaches(documentKeys.detail('d1'), documentKeys.detail('d2'))).toBe(false);
    expect(reaches(documentKeys.all, documentKeys.list({ eventId: 'e1' }))).toBe(true);
  });
});
