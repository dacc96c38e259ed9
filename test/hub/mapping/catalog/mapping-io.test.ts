import { describe, expect, it } from 'vitest';
import {
  applyMappingImport,
  exportMappingsCsv,
  formatCsv,
  importCommand,
  importCommands,
  parseCsv,
  planMappingImport,
  readMappingSheet,
  type MappingRef,
  type MappingSheet,
} from '../../../../hub/mapping/catalog/index.js';
import { Harness } from '../../domain/harness.js';

const row = (channelSku: string, masterSku: string, channel = 'douyin'): MappingRef => ({ channel, channelSku, masterSku });
const table = (rows: MappingRef[]): Record<string, MappingRef> => Object.fromEntries(rows.map((r) => [`${r.channel}:${r.channelSku}`, r]));

function sheetOf(rows: string[][]): MappingSheet {
  const sheet = readMappingSheet(rows);
  if (!sheet.ok) throw new Error(sheet.code);
  return sheet;
}

function csvRows(text: string): string[][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.code);
  return parsed.rows;
}

describe('CSV', () => {
  it('parses quotes, commas, line breaks, CRLF, a byte-order mark and blank lines', () => {
    expect(csvRows('\ufeffa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",\r\n"",""\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
      ['', ''],
    ]);
    expect(csvRows('a,b')).toEqual([['a', 'b']]);
    expect(csvRows('')).toEqual([]);
  });

  it('refuses malformed text with IMPORT_BAD_CSV and the line', () => {
    expect(parseCsv('a,b\n"open,c\n')).toMatchObject({ ok: false, code: 'IMPORT_BAD_CSV', message: expect.stringContaining('line 2') });
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, code: 'IMPORT_BAD_CSV' });
  });

  it('writes what it reads', () => {
    const rows = [['plain', 'with,comma', 'with "quote"'], [' padded', 'two\r\nlines', '']];
    expect(formatCsv(rows)).toBe('plain,"with,comma","with ""quote"""\r\n" padded","two\r\nlines",\r\n');
    expect(csvRows(formatCsv(rows))).toEqual(rows);
  });
});

describe('mapping sheets', () => {
  it('reads a header in any case and order, trims cells, and reports bad rows by line', () => {
    const sheet = readMappingSheet([
      ['Master SKU', 'Channel', 'channel-sku', 'Note', 'Buyer'],
      ['BT-001', 'Douyin', ' DY-BT-001 ', 'headset', 'Li'],
      ['', '', '', '', ''],
      ['PB-001', 'jd', 'JD-PB-001'],
      ['PB-001', 'douyin', 'DY PB 001'],
      ['', 'douyin', 'DY-PB-001'],
      ['BT-001', 'douyin', 'DY-BT-001'],
      ['X-1', 'douyin', 'DY-X'],
      ['X-2', 'douyin', 'DY-X'],
    ]);
    expect(sheet).toMatchObject({ ok: true, ignoredColumns: ['Buyer'] });
    if (!sheet.ok) return;
    expect(sheet.rows).toEqual([{ line: 2, channel: 'douyin', channelSku: 'DY-BT-001', masterSku: 'BT-001', note: 'headset' }]);
    expect(sheet.problems.map(({ line, code }) => [line, code])).toEqual([
      [4, 'IMPORT_BAD_ROW'],
      [5, 'IMPORT_BAD_ROW'],
      [6, 'IMPORT_BAD_ROW'],
      [8, 'IMPORT_DUPLICATE_ROW'],
      [9, 'IMPORT_DUPLICATE_ROW'],
    ]);
  });

  it('refuses a sheet without the mapping columns', () => {
    expect(readMappingSheet([['channel', 'sku', 'master_sku']])).toMatchObject({ ok: false, code: 'IMPORT_BAD_HEADER' });
    expect(readMappingSheet([])).toMatchObject({ ok: false, code: 'IMPORT_BAD_HEADER' });
  });

  it('exports by channel and code, as CSV a spreadsheet cannot take for formulas', () => {
    const csv = exportMappingsCsv([row('DY-PB-001', 'PB-001'), row('DY-BT-001', 'BT-001'), row('TB-1', 'X', 'taobao')]);
    expect(csv).toBe('channel,channel_sku,master_sku\r\ndouyin,DY-BT-001,BT-001\r\ndouyin,DY-PB-001,PB-001\r\ntaobao,TB-1,X\r\n');
  });
});

describe('import dry run and apply', () => {
  const current = [row('DY-BT-001', 'BT-001'), row('DY-PB-001', 'PB-001'), row('DY-OLD-7', 'OLD-7'), row('TB-1', 'X', 'taobao')];
  const sheet = sheetOf([
    ['channel', 'channel_sku', 'master_sku', 'note'],
    ['douyin', 'DY-BT-001', 'PB-001', 'the bad row'],
    ['douyin', 'DY-PB-001', 'PB-001', ''],
    ['douyin', 'DY-PB-0001', 'PB-001', ''],
    ['douyin', 'DY-CABLE-2', 'CABLE-2', ''],
    ['douyin', '??', 'X', ''],
  ]);

  it('shows every change row by row, in merge mode keeping rows the sheet lacks', () => {
    const plan = planMappingImport(current, sheet);
    expect(plan.changes.map((change) => [change.line, change.action, change.key])).toEqual([
      [2, 'change', 'douyin:DY-BT-001'],
      [3, 'unchanged', 'douyin:DY-PB-001'],
      [4, 'add', 'douyin:DY-PB-0001'],
      [5, 'add', 'douyin:DY-CABLE-2'],
      [6, 'skip', undefined],
    ]);
    expect(plan.changes[0]).toMatchObject({ before: { masterSku: 'BT-001' }, after: { masterSku: 'PB-001' }, note: 'the bad row' });
    expect(plan.changes[4]).toMatchObject({ code: 'IMPORT_BAD_ROW' });
    expect(plan.counts).toEqual({ add: 2, change: 1, unchanged: 1, remove: 0, skip: 1 });
    expect(plan.nearDuplicates.map((near) => [near.row.channelSku, near.similar.channelSku])).toEqual([['DY-PB-0001', 'DY-PB-001']]);
  });

  it('in replace mode removes the rows of the sheet’s channels it lacks, never another channel’s', () => {
    const plan = planMappingImport(current, sheet, 'replace');
    expect(plan.changes.filter((change) => change.action === 'remove').map((change) => change.key)).toEqual(['douyin:DY-OLD-7']);
    const applied = applyMappingImport(table(current), plan);
    expect(applied.ok && Object.keys(applied.table).sort()).toEqual(['douyin:DY-BT-001', 'douyin:DY-CABLE-2', 'douyin:DY-PB-0001', 'douyin:DY-PB-001', 'taobao:TB-1']);
  });

  it('applies to a new table, leaving the input as it was, and refuses a stale plan', () => {
    const before = table(current);
    const plan = planMappingImport(current, sheet);
    const applied = applyMappingImport(before, plan);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.table['douyin:DY-BT-001']).toEqual(row('DY-BT-001', 'PB-001'));
    expect(applied.table['douyin:DY-OLD-7']).toEqual(row('DY-OLD-7', 'OLD-7'));
    expect(Object.keys(applied.table)).toHaveLength(6);
    expect(before['douyin:DY-BT-001']!.masterSku).toBe('BT-001');
    const moved = { ...before, 'douyin:DY-BT-001': row('DY-BT-001', 'BT-002') };
    expect(applyMappingImport(moved, plan)).toMatchObject({ ok: false, code: 'IMPORT_STALE_PLAN' });
    expect(applyMappingImport({ ...before, 'douyin:DY-CABLE-2': row('DY-CABLE-2', 'C') }, plan)).toMatchObject({ ok: false, code: 'IMPORT_STALE_PLAN' });
  });

  it('turns a plan into setMapping commands the domain applies and audits', () => {
    const h = new Harness();
    for (const r of current) h.ok({ type: 'setMapping', channel: r.channel as 'douyin', channelSku: r.channelSku, masterSku: r.masterSku });
    const plan = planMappingImport(Object.values(h.state.mappings), sheet);
    const { commands, removals } = importCommands(plan);
    expect(commands).toEqual([
      { type: 'setMapping', channel: 'douyin', channelSku: 'DY-BT-001', masterSku: 'PB-001', note: 'the bad row' },
      { type: 'setMapping', channel: 'douyin', channelSku: 'DY-PB-0001', masterSku: 'PB-001' },
      { type: 'setMapping', channel: 'douyin', channelSku: 'DY-CABLE-2', masterSku: 'CABLE-2' },
    ]);
    expect(removals).toEqual([]);
    for (const command of commands) h.ok(command);
    const applied = applyMappingImport(table(current), plan);
    expect(applied.ok && applied.table).toEqual({ ...h.state.mappings });
  });

  it('applies a replace plan as one setMappings command, the same table as applyMappingImport', () => {
    const h = new Harness();
    for (const r of current) h.ok({ type: 'setMapping', channel: r.channel as 'douyin', channelSku: r.channelSku, masterSku: r.masterSku });
    const plan = planMappingImport(Object.values(h.state.mappings), sheet, 'replace');
    const command = importCommand(plan, 'March sheet');
    expect(command.removals?.length).toBe(plan.counts.remove);
    expect(command.rows.length).toBe(plan.counts.add + plan.counts.change);
    expect(plan.counts.remove).toBeGreaterThan(0);
    h.ok(command);
    const applied = applyMappingImport(table(current), plan);
    expect(applied.ok && applied.table).toEqual({ ...h.state.mappings });
  });
});
