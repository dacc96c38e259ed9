import { PackgateError } from '../../common/errors.js';

/**
 * A printer's answer to `~HS` (Host Status Return). ZPL II Programming Guide, ~HS: the printer
 * sends three strings, each `<STX>…<ETX><CR><LF>`:
 *
 * - String 1 `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`: 1 interface settings, 2 paper out flag,
 *   3 pause flag, 4 label length in dots, 5 number of formats in receive buffer, 6 buffer full
 *   flag, 7 communications diagnostic mode flag, 8 partial format flag, 9 unused (000),
 *   10 corrupt RAM flag, 11 under temperature, 12 over temperature.
 * - String 2 `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`: 1 function settings, 2 unused, 3 head up flag,
 *   4 ribbon out flag, 5 thermal transfer mode flag, 6 print mode, 7 print width mode, 8 label
 *   waiting flag (peel-off), 9 labels remaining in batch, 10 format while printing flag
 *   (always 1), 11 number of graphic images stored.
 * - String 3 `xxxx,y`: 1 password, 2 static RAM installed flag.
 *
 * Flags are `1` for true. Fields are numbered from 1 here as in the guide's lists.
 */
export interface HostStatus {
  readonly paperOut: boolean;
  readonly paused: boolean;
  readonly labelLengthDots: number;
  readonly formatsInBuffer: number;
  readonly bufferFull: boolean;
  readonly partialFormat: boolean;
  readonly corruptRam: boolean;
  readonly underTemperature: boolean;
  readonly overTemperature: boolean;
  readonly headUp: boolean;
  readonly ribbonOut: boolean;
  readonly thermalTransfer: boolean;
  /** ~HS string 2 field 6: 0 rewind, 1 peel-off, 2 tear-off, 3 cutter, 4 applicator, … */
  readonly printMode: string;
  readonly labelWaiting: boolean;
  readonly labelsRemaining: number;
}

const STX = 0x02;
const ETX = 0x03;

/**
 * How many bytes at the start of `received` make a whole `~HS` reply (three STX…ETX strings and
 * the CR LF after the last, if it has arrived), or 0 while it is incomplete.
 */
export function hostStatusLength(received: Uint8Array): number {
  return framesLength(received, 3);
}

/** Bytes making `count` whole STX…ETX frames at the start of `received` (plus a trailing CR LF), or 0. */
export function framesLength(received: Uint8Array, count: number): number {
  let seen = 0;
  let inFrame = false;
  for (let i = 0; i < received.length; i += 1) {
    if (received[i] === STX) inFrame = true;
    else if (received[i] === ETX && inFrame) {
      inFrame = false;
      seen += 1;
      if (seen === count) {
        let end = i + 1;
        if (received[end] === 0x0d) end += 1;
        if (received[end] === 0x0a) end += 1;
        return end;
      }
    }
  }
  return 0;
}

function bad(why: string): PackgateError {
  return new PackgateError('BAD_STATUS_REPLY', `unreadable ~HS reply: ${why}`);
}

/** The text of each STX…ETX frame; anything between frames other than CR, LF or spaces is an error. */
export function replyFrames(reply: Uint8Array | string): string[] {
  const text = typeof reply === 'string' ? reply : Buffer.from(reply).toString('latin1');
  const frames: string[] = [];
  const outside = text.replace(/\x02([^\x02\x03]*)\x03/g, (_, body: string) => {
    frames.push(body);
    return '';
  });
  if (/[^\r\n ]/.test(outside)) throw bad(`bytes outside STX…ETX: ${JSON.stringify(outside.slice(0, 40))}`);
  return frames;
}

function fields(frame: string, which: string, count: number): string[] {
  const values = frame.split(',').map((value) => value.trim());
  if (values.length < count) throw bad(`${which} has ${values.length} fields, expected ${count}`);
  return values;
}

function flag(values: readonly string[], position: number, which: string): boolean {
  const value = values[position - 1]!;
  if (value !== '0' && value !== '1') throw bad(`${which} field ${position} is "${value}", expected 0 or 1`);
  return value === '1';
}

function number(values: readonly string[], position: number, which: string): number {
  const value = values[position - 1]!;
  if (!/^\d{1,10}$/.test(value)) throw bad(`${which} field ${position} is "${value}", expected digits`);
  return Number(value);
}

/** Parses a whole `~HS` reply; throws BAD_STATUS_REPLY for anything else. Pure. */
export function parseHostStatus(reply: Uint8Array | string): HostStatus {
  const frames = replyFrames(reply);
  if (frames.length !== 3) throw bad(`${frames.length} strings, expected 3`);
  const one = fields(frames[0]!, 'string 1', 12);
  const two = fields(frames[1]!, 'string 2', 11);
  fields(frames[2]!, 'string 3', 2);
  const printMode = two[5]!;
  if (!/^[0-9A-Z]$/.test(printMode)) throw bad(`string 2 field 6 is "${printMode}", expected one print mode character`);
  return {
    paperOut: flag(one, 2, 'string 1'),
    paused: flag(one, 3, 'string 1'),
    labelLengthDots: number(one, 4, 'string 1'),
    formatsInBuffer: number(one, 5, 'string 1'),
    bufferFull: flag(one, 6, 'string 1'),
    partialFormat: flag(one, 8, 'string 1'),
    corruptRam: flag(one, 10, 'string 1'),
    underTemperature: flag(one, 11, 'string 1'),
    overTemperature: flag(one, 12, 'string 1'),
    headUp: flag(two, 3, 'string 2'),
    ribbonOut: flag(two, 4, 'string 2'),
    thermalTransfer: flag(two, 5, 'string 2'),
    printMode,
    labelWaiting: flag(two, 8, 'string 2'),
    labelsRemaining: number(two, 9, 'string 2'),
  };
}

/** A condition a printer reports that a person at the station should see. */
export type PrinterCondition =
  | 'paper-out'
  | 'paused'
  | 'head-open'
  | 'ribbon-out'
  | 'buffer-full'
  | 'corrupt-ram'
  | 'over-temperature'
  | 'under-temperature';

/** Conditions in which the printer cannot print a label now; under-temperature only prints lighter. */
export const BLOCKING_CONDITIONS: ReadonlySet<PrinterCondition> = new Set([
  'paper-out',
  'paused',
  'head-open',
  'ribbon-out',
  'buffer-full',
  'corrupt-ram',
  'over-temperature',
]);

/** The conditions a host status shows, in a fixed order. */
export function hostStatusConditions(status: HostStatus): PrinterCondition[] {
  const conditions: PrinterCondition[] = [];
  if (status.paperOut) conditions.push('paper-out');
  if (status.paused) conditions.push('paused');
  if (status.headUp) conditions.push('head-open');
  if (status.ribbonOut) conditions.push('ribbon-out');
  if (status.bufferFull) conditions.push('buffer-full');
  if (status.corruptRam) conditions.push('corrupt-ram');
  if (status.overTemperature) conditions.push('over-temperature');
  if (status.underTemperature) conditions.push('under-temperature');
  return conditions;
}

/** Nothing waits in the printer: no format in its buffer, none half-received, no batch running. */
export function isIdle(status: HostStatus): boolean {
  return status.formatsInBuffer === 0 && !status.partialFormat && status.labelsRemaining === 0;
}

/** The printer can take a label now. */
export function isReady(status: HostStatus): boolean {
  return hostStatusConditions(status).every((condition) => !BLOCKING_CONDITIONS.has(condition));
}
