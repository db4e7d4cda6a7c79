import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { importKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of member imports', () => {
  it('let one import be forgotten whole (its summary and its rows at every status), and no other', () => {
    expect(reaches(importKeys.one('i1'), importKeys.summary('i1'))).toBe(true);
    expect(reaches(importKeys.one('i1'), importKeys.rows('i1', 'PLANNED'))).toBe(true);
    expect(reaches(importKeys.one('i1'), importKeys.rows('i1', 'APPLIED'))).toBe(true);
    expect(reaches(importKeys.one('i1'), importKeys.summary('i2'))).toBe(false);
  });

  it('keep the rows of each status apart, so that a new status reads them again', () => {
    expect(reaches(importKeys.rows('i1', 'APPLYING'), importKeys.rows('i1', 'APPLIED'))).toBe(false);
    expect(reaches(importKeys.summary('i1'), importKeys.rows('i1', 'PLANNED'))).toBe(false);
  });
});
