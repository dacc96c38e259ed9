import type { MappingLogEntry, MappingRow } from '../domain/model.js';
import type { ReadonlyDomainState, Tx } from '../domain/tx.js';

/*
 * The versioned mapping change log: every change of a row or a template is one entry and one
 * version. Mapping changes are rare, so the log is kept whole in the state.
 */

/** What a handler says about a change; version, time and actor come from the command. */
export type MappingChange = Omit<MappingLogEntry, 'version' | 'at' | 'by'>;

/** Appends one change with the next mapping version; the note defaults to the command's reason. */
export function logMapping(tx: Tx, change: MappingChange): number {
  const { note = tx.audit.reason, ...rest } = change;
  const entry: MappingLogEntry = {
    version: tx.state.mappingVersion + 1,
    at: tx.at,
    by: tx.audit.actor.name ?? tx.audit.actor.id,
    ...rest,
    ...(note === undefined ? {} : { note }),
  };
  tx.appendMappingLog(entry);
  return entry.version;
}

/**
 * The explicit mapping table as it was at `version` (after that change), rebuilt from the log;
 * keyed `{channel}:{channelSku}` like `state.mappings`. Version 0 is the empty table; a version
 * beyond the newest gives the current table. Feed two of these to `diffMappings`.
 */
export function mappingTableAt(state: Pick<ReadonlyDomainState, 'mappingLog'>, version: number): Record<string, MappingRow> {
  const table: Record<string, MappingRow> = {};
  for (const entry of state.mappingLog) {
    if (entry.version > version) break;
    if (entry.channelSku === undefined) continue;
    const key = `${entry.channel}:${entry.channelSku}`;
    if (entry.kind === 'removed') delete table[key];
    else if ((entry.kind === 'set' || entry.kind === 'rolled-back') && entry.to !== undefined) {
      table[key] = { channel: entry.channel, channelSku: entry.channelSku, masterSku: entry.to };
    }
  }
  return table;
}
