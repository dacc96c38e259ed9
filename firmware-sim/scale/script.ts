import { setTimeout as sleep } from 'node:timers/promises';
import { PackgateError } from '../../common/errors.js';
import type { SerialScaleSimulator } from './serial.js';

/**
 * One line of a scale script: `GRAMS` puts that total load on the platform (`1250`, `0` to
 * empty it, `-20` for a zero that drifted); `!garbage` sends line noise; `!unplug`, `!replug`;
 * `!wait MS`. Blank lines and lines starting with `#` are skipped.
 */
export type ScaleStep =
  | { readonly kind: 'place'; readonly grams: number }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'unplug' }
  | { readonly kind: 'replug' }
  | { readonly kind: 'wait'; readonly ms: number };

/** Bytes no scale format frames: high bytes, never CR, LF, STX or `=`. */
export const LINE_NOISE: Uint8Array = Uint8Array.of(0xa5, 0xff, 0x80, 0xfe);

function bad(line: string, why: string): PackgateError {
  return new PackgateError('BAD_SIM_SCRIPT', `bad scale line "${line.slice(0, 60)}": ${why}`);
}

/** Parses one script line; undefined for blank and comment lines. */
export function parseScaleLine(raw: string): ScaleStep | undefined {
  const line = raw.replace(/\r$/, '').trim();
  if (line === '' || line.startsWith('#')) return undefined;
  if (line === '!garbage' || line === '!unplug' || line === '!replug') return { kind: line.slice(1) as 'garbage' | 'unplug' | 'replug' };
  if (line.startsWith('!wait ')) {
    const ms = Number(line.slice('!wait '.length));
    if (!Number.isInteger(ms) || ms < 0 || ms > 3_600_000) throw bad(line, '!wait needs whole milliseconds');
    return { kind: 'wait', ms };
  }
  const grams = Number(line);
  if (!/^-?\d+(\.\d+)?$/.test(line) || Math.abs(grams) > 1_000_000) throw bad(line, 'expected grams (e.g. 1250), !garbage, !unplug, !replug or !wait MS');
  return { kind: 'place', grams };
}

/** Carries out script lines in order on a simulated scale; stops early when `signal` aborts. */
export async function playScaleScript(
  sim: SerialScaleSimulator,
  lines: AsyncIterable<string> | Iterable<string>,
  options: { readonly signal?: AbortSignal; readonly onStep?: (step: ScaleStep) => void } = {},
): Promise<void> {
  for await (const line of lines) {
    if (options.signal?.aborted) return;
    const step = parseScaleLine(line);
    if (!step) continue;
    switch (step.kind) {
      case 'place':
        sim.place(step.grams);
        break;
      case 'garbage':
        sim.sendRaw(LINE_NOISE);
        break;
      case 'unplug':
        await sim.unplug();
        break;
      case 'replug':
        await sim.replug();
        break;
      case 'wait':
        await sleep(step.ms, undefined, options.signal ? { signal: options.signal } : {});
        break;
    }
    options.onStep?.(step);
  }
}
