import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { paymentKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of payments', () => {
  it('are the keys the screens had before they were defined once', () => {
    expect(paymentKeys.mine()).toEqual(['me', 'payments']);
    expect(paymentKeys.all()).toEqual(['payments', 'all']);
    expect(paymentKeys.quote('p1')).toEqual(['payments', 'p1', 'quote']);
    expect(paymentKeys.interventions()).toEqual(['payments', 'interventions']);
    expect(paymentKeys.stripe()).toEqual(['payments', 'stripe']);
    expect(paymentKeys.fund).toEqual(['fund']);
    expect(paymentKeys.candidates()).toEqual(['fund', 'candidates']);
  });

  it("let a refund or an intervention reach all the organisation's payment queries, and a grant the fund", () => {
    for (const key of [paymentKeys.all(), paymentKeys.quote('p1'), paymentKeys.interventions(), paymentKeys.stripe()]) {
      expect(reaches(paymentKeys.admin, key)).toBe(true);
    }
    expect(reaches(paymentKeys.admin, paymentKeys.mine())).toBe(false);
    expect(reaches(paymentKeys.fund, paymentKeys.candidates())).toBe(true);
  });
});
