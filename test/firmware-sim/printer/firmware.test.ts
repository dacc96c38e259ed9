import { describe, expect, it } from 'vitest';
import { PrinterFirmware } from '../../../firmware-sim/printer/firmware.js';
import { ZplStream, type ZplToken } from '../../../firmware-sim/printer/zpl-stream.js';
import { parseHostStatus } from '../../../station/printer/host-status.js';
import { parseOdometer } from '../../../station/printer/odometer.js';

const LABEL = '^XA^FXpackgate-job:T#1^FS^LL1218^FO10,10^FH^FDhi_5Ethere^FS^XZ';
const bytes = (text: string) => Buffer.from(text, 'utf8');

function tokens(stream: ZplStream): ZplToken[] {
  const out: ZplToken[] = [];
  for (let token = stream.next(); token; token = stream.next()) out.push(token);
  return out;
}

describe('ZplStream', () => {
  it('splits formats and control commands, whatever the chunking', () => {
    const input = bytes(`~HS${LABEL}\r\n~HQOD~JA`);
    for (let size = 1; size <= input.length; size += 1) {
      const stream = new ZplStream();
      const seen: ZplToken[] = [];
      for (let at = 0; at < input.length; at += size) {
        stream.push(input.subarray(at, at + size));
        seen.push(...tokens(stream));
      }
      expect(seen.map((token) => (token.type === 'control' ? token.command : token.type))).toEqual(['HS', 'format-start', 'format', 'HQOD', 'JA']);
      const format = seen.find((token) => token.type === 'format');
      expect(format?.type === 'format' && format.zpl.toString()).toBe(LABEL.slice(3, -3));
    }
  });

  it('acts on a ~ command in the middle of a format, as a printer does', () => {
    const stream = new ZplStream();
    stream.push(bytes('^XA^FDa~HSb^FS^XZ'));
    expect(tokens(stream).map((token) => token.type)).toEqual(['format-start', 'control', 'format']);
  });
});

describe('PrinterFirmware', () => {
  it('prints a format, decoding ^FH field data and the job id comment', () => {
    const firmware = new PrinterFirmware();
    expect(firmware.feed(bytes(LABEL))).toEqual({ replies: [], drop: false });
    expect(firmware.printed).toHaveLength(1);
    expect(firmware.printed[0]).toMatchObject({ number: 1, jobId: 'T#1', fields: ['hi^there'], lengthDots: 1218 });
  });

  it('answers ~HS byte for byte', () => {
    const firmware = new PrinterFirmware();
    const [ready] = firmware.feed(bytes('~HS')).replies;
    expect(ready!.toString('latin1')).toBe('\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n');
    firmware.setConditions({ paperOut: true, headOpen: true });
    firmware.feed(bytes(LABEL));
    const [out] = firmware.feed(bytes('~HS')).replies;
    expect(out!.toString('latin1')).toBe('\x02030,1,0,1218,001,0,0,0,000,0,0,0\x03\r\n\x02001,0,1,0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n');
    expect(parseHostStatus(out!)).toMatchObject({ paperOut: true, headUp: true, formatsInBuffer: 1 });
  });

  it('keeps labels received while out of paper, paused, head open or ribbon out, and prints each once when fixed', () => {
    const firmware = new PrinterFirmware();
    for (const condition of ['paperOut', 'paused', 'headOpen', 'ribbonOut'] as const) {
      const before = firmware.printed.length;
      firmware.setConditions({ [condition]: true });
      firmware.feed(bytes(LABEL));
      firmware.feed(bytes(LABEL));
      expect(firmware.printed).toHaveLength(before);
      expect(firmware.buffered).toBe(2);
      firmware.setConditions({ [condition]: false });
      expect(firmware.printed).toHaveLength(before + 2);
      expect(firmware.buffered).toBe(0);
    }
  });

  it('cancels its buffer and a partial format on ~JA', () => {
    const firmware = new PrinterFirmware();
    firmware.setConditions({ paused: true });
    firmware.feed(bytes(`${LABEL}^XA^FDhalf`));
    expect(firmware.buffered).toBe(1);
    expect(firmware.partialFormat).toBe(true);
    firmware.feed(bytes('~JA'));
    expect(firmware.buffered).toBe(0);
    expect(firmware.partialFormat).toBe(false);
    firmware.setConditions({ paused: false });
    expect(firmware.printed).toHaveLength(0);
  });

  it('answers ~HQOD with whole inches printed, or not at all when it has no odometer', () => {
    const firmware = new PrinterFirmware();
    firmware.feed(bytes(LABEL));
    firmware.feed(bytes(LABEL));
    const [reply] = firmware.feed(bytes('~HQOD')).replies;
    expect(parseOdometer(reply!)).toEqual({ total: 12, unit: '"' }); // 2 × 1218 dots at 203 dpi
    expect(new PrinterFirmware({ odometer: false }).feed(bytes('~HQOD')).replies).toEqual([]);
  });

  it('springs armed faults on the next label', () => {
    const silent = new PrinterFirmware();
    silent.arm('silent-after-label');
    expect(silent.feed(bytes(`${LABEL}~HS`)).replies).toEqual([]);
    expect(silent.printed).toHaveLength(1);
    silent.recover();
    expect(silent.feed(bytes('~HS')).replies).toHaveLength(1);

    const hung = new PrinterFirmware();
    hung.arm('hang-before-label');
    expect(hung.feed(bytes(`${LABEL}~HS`)).replies).toEqual([]);
    expect(hung.feed(bytes(`${LABEL}~HS`)).replies).toEqual([]);
    hung.recover();
    expect(hung.printed).toHaveLength(0);
    expect(hung.partialFormat).toBe(false);

    const dropped = new PrinterFirmware();
    dropped.arm('drop-after-label');
    expect(dropped.feed(bytes(`${LABEL}~HS`))).toEqual({ replies: [], drop: true });
    expect(dropped.printed).toHaveLength(1);

    const cut = new PrinterFirmware();
    cut.arm('drop-mid-label');
    expect(cut.feed(bytes(LABEL)).drop).toBe(true);
    expect(cut.printed).toHaveLength(0);
    expect(parseHostStatus(cut.feed(bytes('~HS')).replies[0]!).partialFormat).toBe(true);

    const empty = new PrinterFirmware();
    empty.arm('paper-out-before-label');
    empty.feed(bytes(LABEL));
    expect(empty.printed).toHaveLength(0);
    expect(empty.conditions.paperOut).toBe(true);
    empty.setConditions({ paperOut: false });
    expect(empty.printed).toHaveLength(1);
  });
});
