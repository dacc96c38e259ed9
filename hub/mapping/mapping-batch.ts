import { DomainError, reject, type Rejection } from '../domain/errors.js';
import { setRow } from './mapping.js';
import { mappingKey } from '../domain/resolution.js';
import { removeRow } from './mapping-remove.js';
import type { CommandOf } from '../domain/schemas.js';
import type { Tx } from '../domain/tx.js';

/**
 * Sets and removes many rows as one command (an import applies as one): each row exactly as
 * `setMapping` (a changed row trips the breaker), each removal as `removeMapping`. All or
 * nothing: the first refusal refuses the whole batch. A key named twice is `BAD_COMMAND`.
 */
export function setMappings(tx: Tx, command: CommandOf<'setMappings'>): Rejection | undefined {
  const removals = command.removals ?? [];
  const seen = new Set<string>();
  for (const ref of [...command.rows, ...removals]) {
    const key = mappingKey(ref.channel, ref.channelSku);
    if (seen.has(key)) return reject(DomainError.BadCommand, `setMappings: ${key} is named twice`);
    seen.add(key);
  }
  for (const ref of removals) {
    const refused = removeRow(tx, ref);
    if (refused) return refused;
  }
  for (const row of command.rows) setRow(tx, { ...row, note: row.note ?? command.note });
  return undefined;
}
