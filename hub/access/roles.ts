/** Roles, most powerful first; a route names the least role it needs. */
export const ROLES = ['admin', 'manager', 'integration', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Whether `role` may do what `needed` may. Integration tokens are for machines posting
 * orders and events; they do not read the tablet feed unless they are asked to (viewer).
 */
export function roleAllows(role: Role, needed: Role): boolean {
  if (role === needed || role === 'admin') return true;
  return role === 'manager' && needed === 'viewer';
}
