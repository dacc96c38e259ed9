import { describe, expect, it } from 'vitest';
import { isRole, roleAllows, ROLES, type Role } from '../../../hub/access/roles.js';

/** For each role, every role whose routes it may use (its own included). */
const MAY: Readonly<Record<Role, readonly Role[]>> = {
  admin: ['admin', 'manager', 'dock', 'integration', 'viewer'],
  manager: ['manager', 'dock', 'viewer'],
  dock: ['dock', 'viewer'],
  integration: ['integration'],
  viewer: ['viewer'],
};

describe('roleAllows', () => {
  it.each(ROLES.flatMap((role) => ROLES.map((needed) => [role, needed] as const)))('%s on a route that needs %s', (role, needed) => {
    expect(roleAllows(role, needed)).toBe(MAY[role].includes(needed));
  });

  it('knows dock as a role', () => {
    expect(isRole('dock')).toBe(true);
    expect(isRole('overlord')).toBe(false);
  });
});
