/** Roles, most powerful first; a route names the least role it needs. */
export const ROLES = ['admin', 'manager', 'dock', 'integration', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** What each role may do besides its own routes: admin everything, manager the dock's and the viewer's, dock the viewer's. */
const ALSO: Readonly<Record<Exclude<Role, 'admin'>, readonly Role[]>> = {
  manager: ['dock', 'viewer'],
  dock: ['viewer'],
  integration: [],
  viewer: [],
};

/**
 * Whether `role` may do what `needed` may. A dock token (the people handing parcels to the
 * carrier) opens, fills and closes handover batches and takes parcels out, and reads what a
 * viewer reads; nothing a manager decides. Integration tokens are for machines posting orders
 * and events; they do not read the tablet feed unless they are asked to (viewer).
 */
export function roleAllows(role: Role, needed: Role): boolean {
  if (role === needed || role === 'admin') return true;
  return ALSO[role].includes(needed);
}
