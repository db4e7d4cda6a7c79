import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { circleKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of circles', () => {
  it('are the keys the screens had before they were defined once', () => {
    expect(circleKeys.mine()).toEqual(['me', 'circle']);
    expect(circleKeys.open()).toEqual(['circles', 'open']);
    expect(circleKeys.all()).toEqual(['circles', 'all']);
    expect(circleKeys.detail('c1')).toEqual(['circle', 'c1']);
    expect(circleKeys.members('c1')).toEqual(['circle', 'c1', 'members']);
    expect(circleKeys.occurrences('c1')).toEqual(['circle', 'c1', 'occurrences']);
    expect(circleKeys.goals()).toEqual(['me', 'goals']);
    expect(circleKeys.dues()).toEqual(['me', 'dues']);
  });

  it('let a request to join reach both lists, and a meeting or a decision reach all of one circle', () => {
    expect(reaches(circleKeys.lists, circleKeys.open())).toBe(true);
    expect(reaches(circleKeys.lists, circleKeys.all())).toBe(true);
    for (const part of [circleKeys.members('c1'), circleKeys.attendance('c1'), circleKeys.occurrences('c1'), circleKeys.requests('c1')]) {
      expect(reaches(circleKeys.detail('c1'), part)).toBe(true);
      expect(reaches(circleKeys.detail('c2'), part)).toBe(false);
    }
    expect(reaches(circleKeys.lists, circleKeys.detail('c1'))).toBe(false);
    expect(reaches(circleKeys.mine(), circleKeys.goals())).toBe(false);
  });
});
