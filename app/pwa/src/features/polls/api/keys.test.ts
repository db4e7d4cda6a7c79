import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { pollKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of polls', () => {
  it('let a change reach every list, his and each circle\'s, open or all, but not the polls themselves', () => {
    for (const list of [pollKeys.list(undefined, true), pollKeys.list(undefined, false), pollKeys.list('c1', true), pollKeys.list('c1', false)]) {
      expect(reaches(pollKeys.lists(), list)).toBe(true);
    }
    expect(reaches(pollKeys.lists(), pollKeys.detail('p1'))).toBe(false);
  });

  it('keep one poll apart from another, and everything under polls', () => {
    expect(reaches(pollKeys.detail('p1'), pollKeys.detail('p2'))).toBe(false);
    expect(reaches(pollKeys.all, pollKeys.detail('p1'))).toBe(true);
    expect(reaches(pollKeys.circle('c1'), pollKeys.meetings('c1'))).toBe(true);
  });
});
