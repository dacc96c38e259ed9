import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parseCommandArgs } from '../../cli/command.js';
import { decodeCommand, unescapeGs } from '../../cli/commands/decode.js';
import { COMMANDS } from '../../cli/commands/index.js';
import { decodeScan } from '../../station/barcode/index.js';

const TODAY = '2026-11-22';

describe('packgate decode', () => {
  let log: MockInstance<typeof console.log>;

  beforeEach(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    log.mockRestore();
  });

  async function run(...argv: string[]): Promise<{ code: number; out: string }> {
    const code = await decodeCommand.run(parseCommandArgs(decodeCommand, argv));
    return { code, out: log.mock.calls.map((call) => call.join(' ')).join('\n') };
  }

  it('is registered as a packgate command', async () => {
    expect(await COMMANDS.find((entry) => entry.name === 'decode')?.load()).toBe(decodeCommand);
  });

  it('prints a decoded GS1-128 scan for people and exits 0', async () => {
    const { code, out } = await run('--today', TODAY, ']C10109506000134352<GS>17271200<GS>10ABC');
    expect(code).toBe(0);
    expect(out).toContain('decoded: gs1 (raw), GS1-128 ]C1');
    expect(out).toMatch(/GTIN-14\s+09506000134352/);
    expect(out).toMatch(/\(17\) USE BY or EXPIRY\s+271200 {2}2027-12-31 \(day not given: last of month\)/);
    expect(out).toMatch(/\(10\) BATCH\/LOT\s+ABC/);
  });

  it('prints a GTIN, a UPC-E expansion, a measure, a station card and text', async () => {
    expect((await run('4006381333931')).out).toMatch(/decoded: gtin \(EAN-13\), no AIM identifier\n\s+GTIN-14\s+04006381333931/);
    log.mockClear();
    expect((await run(']E004252614')).out).toMatch(/UPC-A\s+042100005264/);
    log.mockClear();
    expect((await run('(01)09506000134352(3103)000189')).out).toMatch(/\(3103\) NET WEIGHT \(kg\)\s+000189 {2}0.189 kg/);
    log.mockClear();
    expect((await run('$PG:BADGE:P-0042')).out).toMatch(/command\s+packer-badge\n\s+badge\s+P-0042/);
    log.mockClear();
    expect((await run('$PG:ORDER:TB20261122001')).out).toMatch(/order\s+TB20261122001/);
    log.mockClear();
    expect((await run(']C0DY-RED-M-2601')).out).toMatch(/decoded: text, Code 128 ]C0\n\s+text\s+DY-RED-M-2601/);
  });

  it('prints the reason code of a rejection and exits 1', async () => {
    const { code, out } = await run('4006381333932');
    expect(code).toBe(1);
    expect(out).toMatch(/^rejected: BAD_CHECK_DIGIT\n/);
  });

  it('prints JSON with --json, the same object the decoder returns', async () => {
    const { code, out } = await run('--json', '--today', TODAY, '(01)09506000134352(10)ABC');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(decodeScan('(01)09506000134352(10)ABC', { today: new Date(TODAY) }));
    log.mockClear();
    const rejected = await run('--json', '(10)ABC');
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.out)).toMatchObject({ ok: false, code: 'REQUIRED_AI_MISSING' });
  });

  it('takes GS as \\x1D (any case) or <GS>', async () => {
    expect(unescapeGs('01\\x1D10\\x1dA<GS>B<gs>')).toBe('01\u001d10\u001dA\u001dB\u001d');
    const { code, out } = await run('--json', ']d20109506000134352\\x1D21S1<GS>10L');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, scan: { serial: 'S1', batch: 'L' } });
  });

  it('applies --today to the century rule', async () => {
    const { out } = await run('--json', '--today', '2070-06-01', '(01)09506000134352(17)200101');
    expect(JSON.parse(out)).toMatchObject({ scan: { expiry: '2120-01-01' } });
  });

  it('refuses a missing or extra DATA and a bad --today with USAGE', async () => {
    await expect(run()).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('A', 'B')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('--today', '2026-13-01', 'A')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('--today', '2026-02-30', 'A')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('--today', 'tomorrow', 'A')).rejects.toMatchObject({ code: 'USAGE' });
  });
});
