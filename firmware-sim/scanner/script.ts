import { setTimeout as sleep } from 'node:timers/promises';
import { PackgateError } from '../../common/errors.js';
import { SCAN_FAULTS, pickFaults, type ScanFault } from './firmware.js';
import type { Random } from '../../common/random.js';
import type { ScannerSimulator } from './simulator.js';

/**
 * One line of a scan script (standard input or `--file`):
 * `CODE` scans CODE; `!split,garbage CODE` scans it with those faults; `!unplug`, `!replug`;
 * `!wait MS` pauses. Blank lines and lines starting with `#` are skipped.
 */
export type ScriptStep =
  | { readonly kind: 'scan'; readonly code: string; readonly faults: readonly ScanFault[] }
  | { readonly kind: 'unplug' }
  | { readonly kind: 'replug' }
  | { readonly kind: 'wait'; readonly ms: number };

function bad(line: string, why: string): PackgateError {
  return new PackgateError('BAD_SIM_SCRIPT', `bad scan line "${line}": ${why}`);
}

function isFault(name: string): name is ScanFault {
  return (SCAN_FAULTS as readonly string[]).includes(name);
}

/** Parses one script line; undefined for blank and comment lines. */
export function parseScriptLine(raw: string): ScriptStep | undefined {
  const line = raw.replace(/\r$/, '');
  if (line.trim() === '' || line.startsWith('#')) return undefined;
  if (!line.startsWith('!')) return { kind: 'scan', code: line, faults: [] };
  const space = line.indexOf(' ');
  const word = line.slice(1, space === -1 ? undefined : space);
  const rest = space === -1 ? '' : line.slice(space + 1);
  if (word === 'unplug' || word === 'replug') {
    if (rest !== '') throw bad(line, `!${word} takes nothing after it`);
    return { kind: word };
  }
  if (word === 'wait') {
    const ms = Number(rest);
    if (!/^\d+$/.test(rest) || ms > 3_600_000) throw bad(line, '!wait needs whole milliseconds');
    return { kind: 'wait', ms };
  }
  const faults = word.split(',');
  const unknown = faults.find((fault) => !isFault(fault));
  if (unknown !== undefined) throw bad(line, `unknown command or fault "${unknown}" (faults: ${SCAN_FAULTS.join(', ')})`);
  if (rest === '') throw bad(line, 'no code after the faults');
  return { kind: 'scan', code: rest, faults: faults.filter(isFault) };
}

/** Parses `drop-char=0.05,split=0.1` into per-scan fault probabilities. */
export function parseFaultRates(text: string): Partial<Record<ScanFault, number>> {
  const rates: Partial<Record<ScanFault, number>> = {};
  for (const part of text.split(',').filter((item) => item !== '')) {
    const [name = '', value = ''] = part.split('=');
    const rate = Number(value);
    if (!isFault(name)) throw new PackgateError('USAGE', `unknown fault "${name}" (faults: ${SCAN_FAULTS.join(', ')})`);
    if (value === '' || !(rate >= 0 && rate <= 1)) throw new PackgateError('USAGE', `fault rate for ${name} must be from 0 to 1`);
    rates[name] = rate;
  }
  return rates;
}

export interface PlayScriptOptions {
  /** Pause after each scan, in milliseconds. */
  readonly intervalMs?: number;
  /** Random faults on top of the ones a line names. */
  readonly faultRates?: Partial<Record<ScanFault, number>>;
  readonly random: Random;
  readonly signal?: AbortSignal;
  /** Told of every step once it has been carried out. */
  readonly onStep?: (step: ScriptStep, delivered: boolean) => void;
}

/** Carries out script lines in order on a simulator; stops early when `signal` aborts. */
export async function playScript(sim: ScannerSimulator, lines: AsyncIterable<string> | Iterable<string>, options: PlayScriptOptions): Promise<void> {
  const pause = (ms: number) => (ms > 0 ? sleep(ms, undefined, options.signal ? { signal: options.signal } : {}) : Promise.resolve());
  for await (const line of lines) {
    if (options.signal?.aborted) return;
    const step = parseScriptLine(line);
    if (!step) continue;
    let delivered = true;
    switch (step.kind) {
      case 'scan': {
        const random = pickFaults(options.faultRates ?? {}, options.random);
        const faults = [...new Set([...step.faults, ...random])];
        delivered = (await sim.scan(step.code, faults)).delivered;
        options.onStep?.({ ...step, faults }, delivered);
        await pause(options.intervalMs ?? 0);
        continue;
      }
      case 'unplug':
        await sim.unplug();
        break;
      case 'replug':
        await sim.replug();
        break;
      case 'wait':
        await pause(step.ms);
        break;
    }
    options.onStep?.(step, delivered);
  }
}
