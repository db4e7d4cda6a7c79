import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ssoKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of single sign-on', () => {
  it('keep the settings apart from the admins, and both under single sign-on', () => {
    expect(reaches(ssoKeys.settings(), ssoKeys.admins())).toBe(false);
    expect(reaches(ssoKeys.admins(), ssoKeys.settings())).toBe(false);
    expect(reaches(ssoKeys.all, ssoKeys.settings())).toBe(true);
    expect(reaches(ssoKeys.all, ssoKeys.admins())).toBe(true);
  });
});
