import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { helpdeskKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of the help desk', () => {
  it('let a change reach his own tickets and the queue, at every page and filter, but not the tickets themselves', () => {
    for (const list of [helpdeskKeys.mine(0), helpdeskKeys.mine(3), helpdeskKeys.queue({ page: 0 }), helpdeskKeys.queue({ status: 'OPEN', who: 'mine', categoryId: 'c1', page: 2 })]) {
      expect(reaches(helpdeskKeys.lists(), list)).toBe(true);
    }
    expect(reaches(helpdeskKeys.lists(), helpdeskKeys.detail('t1'))).toBe(false);
    expect(reaches(helpdeskKeys.lists(), helpdeskKeys.categories())).toBe(false);
  });

  it('keep one ticket apart from another, one queue filter apart from another, and everything under the help desk', () => {
    expect(reaches(helpdeskKeys.detail('t1'), helpdeskKeys.detail('t2'))).toBe(false);
    expect(reaches(helpdeskKeys.queue({ status: 'OPEN', page: 0 }), helpdeskKeys.queue({ status: 'SOLVED', page: 0 }))).toBe(false);
    expect(reaches(helpdeskKeys.handlers(true), helpdeskKeys.handlers(false))).toBe(false);
    for (const key of [helpdeskKeys.detail('t1'), helpdeskKeys.categories(), helpdeskKeys.handlers(false), helpdeskKeys.mine(0)]) {
      expect(reaches(helpdeskKeys.all, key)).toBe(true);
    }
  });
});
