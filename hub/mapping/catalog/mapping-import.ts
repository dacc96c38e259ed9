import type { Channel, CommandOf } from '../../domain/schemas.js';
import { diffMappings, rowKey, type NearDuplicate } from './diff.js';
import { MappingIoError, problem, type MappingIoErrorCode, type Problem } from '../../domain/catalog-errors.js';
import type { MappingSheet, RowProblem } from './mapping-sheet.js';
import type { MappingRef } from './near-miss.js';

/**
 * `merge`: the sheet's rows are added or changed, other rows stay. `replace`: for every channel
 * the sheet names, the sheet is that channel's whole table (rows it lacks are removed); other
 * channels stay.
 */
export type ImportMode = 'merge' | 'replace';

/** What the import would do to one row. `skip`: the sheet's row is invalid (see `code`). */
export interface PlannedChange {
  readonly action: 'add' | 'change' | 'unchanged' | 'remove' | 'skip';
  /** The sheet row's line; absent for a removal. */
  readonly line?: number;
  readonly key?: string;
  readonly before?: MappingRef;
  readonly after?: MappingRef;
  readonly note?: string;
  readonly code?: MappingIoErrorCode;
  readonly message?: string;
}

/** The dry run: every change, row by row, before anything changes. */
export interface ImportPlan {
  readonly mode: ImportMode;
  /** Sheet rows in line order (problems included, as `skip`), then removals by key. */
  readonly changes: readonly PlannedChange[];
  readonly counts: Readonly<Record<PlannedChange['action'], number>>;
  /** Near-duplicate rows the import would leave in the table. */
  readonly nearDuplicates: readonly NearDuplicate[];
}

/**
 * Plans an import against the current table without changing anything: for each sheet row
 * add, change (with the row before and after), unchanged or skip (with its problem), then the
 * removals `replace` would make, and the near duplicates the result would hold.
 */
export function planMappingImport(current: Iterable<MappingRef>, sheet: MappingSheet, mode: ImportMode = 'merge'): ImportPlan {
  const before = new Map<string, MappingRef>();
  for (const row of current) before.set(rowKey(row), { channel: row.channel, channelSku: row.channelSku, masterSku: row.masterSku });
  const after = new Map(before);
  const sheetKeys = new Set<string>();
  const planned: PlannedChange[] = [];
  for (const row of sheet.rows) {
    const key = rowKey(row);
    const next: MappingRef = { channel: row.channel, channelSku: row.channelSku, masterSku: row.masterSku };
    const previous = before.get(key);
    const note = row.note === undefined ? {} : { note: row.note };
    sheetKeys.add(key);
    after.set(key, next);
    if (!previous) planned.push({ action: 'add', line: row.line, key, after: next, ...note });
    else if (previous.masterSku !== next.masterSku) planned.push({ action: 'change', line: row.line, key, before: previous, after: next, ...note });
    else planned.push({ action: 'unchanged', line: row.line, key, before: previous, after: next });
  }
  for (const { line, code, message } of sheet.problems as readonly RowProblem[]) planned.push({ action: 'skip', line, code, message });
  planned.sort((a, b) => a.line! - b.line!);
  if (mode === 'replace') {
    const channels = new Set(sheet.rows.map((row) => row.channel));
    const removals = [...before].filter(([key, row]) => channels.has(row.channel) && !sheetKeys.has(key)).sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [key, row] of removals) {
      after.delete(key);
      planned.push({ action: 'remove', key, before: row });
    }
  }
  const counts = { add: 0, change: 0, unchanged: 0, remove: 0, skip: 0 };
  for (const change of planned) counts[change.action]++;
  return { mode, changes: planned, counts, nearDuplicates: diffMappings(before.values(), after.values()).nearDuplicates };
}

export type ApplyImportResult = { readonly ok: true; readonly table: Record<string, MappingRef> } | Problem<MappingIoErrorCode>;

/**
 * Applies a plan to a table (keyed `{channel}:{channelSku}`, as `DomainState.mappings`) and
 * returns the new table; the input is not changed and skipped rows are not applied. Refuses
 * with `IMPORT_STALE_PLAN` when a row the plan read has changed since the dry run: plan again.
 */
export function applyMappingImport(table: Readonly<Record<string, MappingRef>>, plan: ImportPlan): ApplyImportResult {
  const next: Record<string, MappingRef> = Object.create(null) as Record<string, MappingRef>;
  for (const [key, row] of Object.entries(table)) next[key] = row;
  for (const change of plan.changes) {
    if (change.action === 'skip' || change.key === undefined) continue;
    const now = Object.hasOwn(next, change.key) ? next[change.key] : undefined;
    if (now?.masterSku !== change.before?.masterSku) {
      return problem(MappingIoError.StalePlan, `${change.key} is ${now?.masterSku ?? 'not mapped'} now, ${change.before?.masterSku ?? 'not mapped'} at the dry run`);
    }
    if (change.action === 'remove') delete next[change.key];
    else if (change.after) next[change.key] = change.after;
  }
  return { ok: true, table: { ...next } };
}

/**
 * The plan as domain commands: a `setMapping` (with the sheet's note) for each add and change,
 * in line order, to apply through `applyCommand` so each change is versioned and audited like
 * any other, and the removals. Prefer {@link importCommand}: one command, all or nothing.
 */
export function importCommands(plan: ImportPlan): { commands: Array<CommandOf<'setMapping'>>; removals: MappingRef[] } {
  const commands: Array<CommandOf<'setMapping'>> = [];
  const removals: MappingRef[] = [];
  for (const change of plan.changes) {
    if (change.action === 'remove' && change.before) removals.push(change.before);
    if ((change.action !== 'add' && change.action !== 'change') || !change.after) continue;
    const { channel, channelSku, masterSku } = change.after;
    // Sheet rows were read against CHANNELS (readMappingSheet), so the channel is one of them.
    commands.push({ type: 'setMapping', channel: channel as Channel, channelSku, masterSku, ...(change.note ? { note: change.note } : {}) });
  }
  return { commands, removals };
}

/**
 * The plan as one `setMappings` command (each add and change with the sheet's note, and the
 * removals), so the import applies all or nothing, as one audited command.
 */
export function importCommand(plan: ImportPlan, note?: string): CommandOf<'setMappings'> {
  const { commands, removals } = importCommands(plan);
  return {
    type: 'setMappings',
    rows: commands.map(({ type: _type, ...row }) => row),
    ...(removals.length > 0 ? { removals: removals.map(({ channel, channelSku }) => ({ channel: channel as Channel, channelSku })) } : {}),
    ...(note === undefined ? {} : { note }),
  };
}
