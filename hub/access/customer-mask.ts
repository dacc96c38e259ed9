import type { Role } from './roles.js';

/** Nesting past this is not walked: what lies below is replaced whole (API bodies are far shallower). */
const MAX_DEPTH = 64;
const DEEP = '***';

/**
 * The roles that see customers' names, phones and addresses as they are: those whose work needs
 * them (a manager settling a dispute, a connector posting the order). A viewer (a wall screen, a
 * dashboard) and the dock (waybills and carriers are what it hands over) see them masked, and so
 * will any role added later until it is named here.
 */
const SEE_CUSTOMERS: readonly Role[] = ['admin', 'manager', 'integration'];

/** Whether a role sees customers' names, phones and addresses as they are. */
export function seesCustomers(role: Role): boolean {
  return SEE_CUSTOMERS.includes(role);
}

/** `王芳` → `王*`: the first character, a star for each of the rest. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** `13800001234` → `*******1234`: every digit but the last four starred. */
export function maskPhone(phone: string): string {
  let keep = 4;
  const chars = [...phone];
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    if (!/[0-9]/.test(chars[i]!)) continue;
    if (keep > 0) keep -= 1;
    else chars[i] = '*';
  }
  return chars.join('');
}

/** `上海市浦东新区世纪大道 100 号` → `上海市***`: the first three characters (the province or city, in a Chinese address). */
export function maskAddress(address: string): string {
  return [...address].slice(0, 3).join('') + '***';
}

/**
 * `value` with every customer contact in it masked, for a role that may not see them. A contact
 * is any object with a string `phone` or `address` (an order's `label`, a task's, a stored
 * command's or its raw body's): its `name`, `phone` and `address` are masked wherever it sits,
 * so records of kinds added later are covered too. Objects are copied only along the way to
 * what changes; `value` itself is never modified.
 */
export function maskCustomers<T>(value: T): T {
  return walk(value, 0) as T;
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return DEEP;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const masked = walk(item, depth + 1);
      if (masked === item) return;
      copy ??= [...value];
      copy[i] = masked;
    });
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined = isContact(record) ? { ...record, ...maskedContact(record) } : undefined;
  for (const [key, item] of Object.entries(record)) {
    const masked = walk(item, depth + 1);
    if (masked === item) continue;
    copy ??= { ...record };
    copy[key] = masked;
  }
  return copy ?? value;
}

function isContact(record: Record<string, unknown>): boolean {
  return typeof record.phone === 'string' || typeof record.address === 'string';
}

function maskedContact(record: Record<string, unknown>): Record<string, string> {
  const masked: Record<string, string> = {};
  if (typeof record.name === 'string') masked.name = maskName(record.name);
  if (typeof record.phone === 'string') masked.phone = maskPhone(record.phone);
  if (typeof record.address === 'string') masked.address = maskAddress(record.address);
  return masked;
}
