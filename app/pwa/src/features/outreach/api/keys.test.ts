import { partialMatchKey, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { outreachKeys } from './keys';
import { lineChanged } from './outreach';
import { aLine, aReport } from '../fixtures';
import type { Report } from './types';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of outreach', () => {
  it('let a contact added or erased reach every page of contacts, every list of campaigns and every campaign with its report', () => {
    for (const key of [outreachKeys.contactPage(0, 20), outreachKeys.contactPage(3, 100), outreachKeys.campaignPage(1), outreachKeys.campaign('c1'), outreachKeys.report('c1')]) {
      expect(reaches(outreachKeys.all, key)).toBe(true);
    }
  });

  it('keep the contacts apart from the campaigns, and one page from another', () => {
    expect(reaches(outreachKeys.contacts(), outreachKeys.campaignPage(0))).toBe(false);
    expect(reaches(outreachKeys.campaigns(), outreachKeys.contactPage(0, 20))).toBe(false);
    expect(reaches(outreachKeys.contactPage(0, 20), outreachKeys.contactPage(1, 20))).toBe(false);
  });

  it('let a send reach the campaign and its report, not another campaign nor the list', () => {
    expect(reaches(outreachKeys.campaign('c1'), outreachKeys.report('c1'))).toBe(true);
    expect(reaches(outreachKeys.campaign('c1'), outreachKeys.report('c2'))).toBe(false);
    expect(reaches(outreachKeys.campaign('c1'), outreachKeys.campaignPage(0))).toBe(false);
  });
});

describe('whether he came, as the server answered', () => {
  it('shows in its line of the report at once, and the numbers are read again', () => {
    const queries = new QueryClient();
    queries.setQueryData(outreachKeys.report('c1'), aReport({ sent: 2, unanswered: 2, invitations: [aLine('i1'), aLine('i2')] }));

    lineChanged(queries, 'c1', aLine('i2', { cameAt: '2027-01-08T20:00:00Z' }));

    const now = queries.getQueryData<Report>(outreachKeys.report('c1'));
    expect(now?.invitations.map((l) => l.cameAt)).toEqual([null, '2027-01-08T20:00:00Z']);
    expect(queries.getQueryState(outreachKeys.report('c1'))?.isInvalidated).toBe(true);
  });
});
