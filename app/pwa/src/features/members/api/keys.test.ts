import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { memberKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of members', () => {
  it('are the keys the screens had before they were defined once', () => {
    expect(memberKeys.list('sam', 'ACTIVE', 2)).toEqual(['members', 'sam', 'ACTIVE', 2]);
    expect(memberKeys.all()).toEqual(['members', 'all']);
    expect(memberKeys.detail('p1')).toEqual(['member', 'p1']);
    expect(memberKeys.support('sam')).toEqual(['support', 'sam']);
  });

  it("let a change to a man reach every list of people, but not support's search", () => {
    expect(reaches(memberKeys.lists, memberKeys.list('', '', 0))).toBe(true);
    expect(reaches(memberKeys.lists, memberKeys.all())).toBe(true);
    expect(reaches(memberKeys.lists, memberKeys.detail('p1'))).toBe(false);
    expect(reaches(memberKeys.lists, memberKeys.support('sam'))).toBe(false);
  });
});
