import { describe, expect, it } from 'vitest';
import type { ProgramMessage } from '../../../../station/printer/waybill/messages.js';
import { NOT_CONNECTED_YET, checkPrinters, programReport, sameReport, type ProgramSeen } from '../../../../station/printer/waybill/program-status.js';

const printers = (defaultPrinter?: string): ProgramMessage => ({
  kind: 'printers',
  requestId: 'r1',
  ...(defaultPrinter !== undefined && { defaultPrinter }),
  printers: [
    { name: 'ZT410', enabled: true },
    { name: 'GP-L80', enabled: false },
  ],
});

describe('checkPrinters', () => {
  it('takes the configured printer, else the program default', () => {
    expect(checkPrinters(printers(), 'ZT410')).toEqual({ ok: true, name: 'ZT410' });
    expect(checkPrinters(printers('ZT410'), undefined)).toEqual({ ok: true, name: 'ZT410' });
  });

  it('names what is wrong: no default, not found (listing what there is), disabled, refused', () => {
    expect(checkPrinters(printers(), undefined)).toEqual({ ok: false, problem: 'the program has no default printer' });
    expect(checkPrinters(printers(), 'HP')).toEqual({ ok: false, problem: 'printer "HP" not found (the program has: ZT410, GP-L80)' });
    expect(checkPrinters(printers(), 'GP-L80')).toEqual({ ok: false, problem: 'printer "GP-L80" is disabled' });
    expect(checkPrinters({ kind: 'error', cmd: 'getPrinters', detail: 'busy' }, 'ZT410')).toEqual({ ok: false, problem: 'printer list refused: busy' });
  });
});

describe('programReport', () => {
  const seen: ProgramSeen = {
    platform: 'cainiao',
    name: 'Cainiao',
    url: 'ws://127.0.0.1:13528',
    connection: { open: true },
    printerCheck: { ok: true, name: 'ZT410' },
    lastFailure: undefined,
    rejected: { BAD_JSON: 2 },
  };

  it('is ok with the printer ready, and carries the rejections', () => {
    expect(programReport(seen)).toEqual({
      device: expect.objectContaining({ kind: 'cainiao', state: 'ok', detail: 'Cainiao print program at ws://127.0.0.1:13528: printer "ZT410" ready' }),
      rejected: { BAD_JSON: 2 },
    });
  });

  it('is absent while not connected, fault on a printer problem, then on the last failure', () => {
    expect(programReport({ ...seen, connection: { open: false, reason: NOT_CONNECTED_YET } }).device).toMatchObject({ state: 'absent', detail: expect.stringContaining('not connected yet') });
    expect(programReport({ ...seen, connection: { open: false, reason: 'ECONNREFUSED' } }).device).toMatchObject({
      state: 'absent',
      detail: 'Cainiao print program not running at ws://127.0.0.1:13528 (ECONNREFUSED)',
    });
    const printerProblem = programReport({ ...seen, printerCheck: { ok: false, problem: 'printer "HP" not found' }, lastFailure: 'paper out' });
    expect(printerProblem.device).toMatchObject({ state: 'fault', detail: expect.stringContaining('printer "HP" not found') });
    expect(programReport({ ...seen, lastFailure: 'last print failed: paper out' }).device).toMatchObject({ state: 'fault', detail: expect.stringContaining('paper out') });
  });

  it('sameReport sees a change of state, detail or rejections, and nothing else', () => {
    const report = programReport(seen);
    expect(sameReport(report, programReport(seen))).toBe(true);
    expect(sameReport(report, programReport({ ...seen, rejected: { BAD_JSON: 3 } }))).toBe(false);
    expect(sameReport(report, programReport({ ...seen, lastFailure: 'x' }))).toBe(false);
  });
});
