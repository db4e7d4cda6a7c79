import { describe, expect, it } from 'vitest';
import { has, t } from '../../i18n/t';
import { ROLES } from './roles';

describe('the roles screens name', () => {
  it('are every role the server has, each with its name and the words of an announcement to its holders, the care team included', () => {
    const missing = ROLES.flatMap((role) => ['roles.' + role, 'announcements.toRole.' + role]).filter((key) => !has(key));

    expect(missing).toEqual([]);
    expect([t('roles.CARE'), t('announcements.toRole.CARE')]).toEqual(['Care team', 'To the care team']);
  });
});
