import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integerOption, stringOption, type Command } from '../../command.js';
import { PackgateError } from '../../../common/errors.js';
import { seededRandom } from '../../../common/random.js';
import { SERIAL_SCALE_FORMATS, type SerialScaleFormatName } from '../../../station/scale/formats/index.js';
import { PtyLink } from '../../../firmware-sim/scanner/pty-link.js';
import { playUntilInterrupted } from './script-input.js';
import { playScaleScript } from '../../../firmware-sim/scale/script.js';
import { SerialScaleSimulator } from '../../../firmware-sim/scale/serial.js';

const DEFAULT_LINK = join(tmpdir(), 'packgate-scale');

export const simScaleCommand: Command = {
  name: 'scale',
  summary: 'a serial bench scale on a pseudo-terminal',
  usage: `Usage: packgate sim scale --pty [options]

Makes a serial scale that is a real tty (a socat pseudo-terminal), prints the device path on
standard output, and weighs what each input line puts on it: the indicator sends its frame
continuously (st-gs, xk3190, xk3190-eq), or a balance answers MT-SICS polls (sics). A new load
swings for the settle time, then shows steady. Point the agent at it with
  packgate station --id ID --scale serial:PATH:FORMAT

Options:
  --pty              serve on a pseudo-terminal (needs socat); the one transport so far
  --link PATH        device path to create (default ${DEFAULT_LINK})
  --format F         ${SERIAL_SCALE_FORMATS.join(' | ')} (default st-gs)
  --interval MS      continuous formats: a frame every MS (default 100)
  --settle MS        how long a new load swings before it settles (default 600)
  --division G       the scale's division in grams (default 1)
  --flicker P        chance that a settled reading is one division off (default 0)
  --garbage P        chance of line noise before each frame (default 0)
  --file LINES       read lines from this file instead of standard input
  --seed N           seed for noise (default 1)

Lines: GRAMS puts that total load on the scale (1250; 0 empties it); "!garbage" sends line
noise; "!unplug" removes the device and "!replug" brings it back; "!wait MS" pauses; blank
lines and lines starting with # are skipped. When the lines run out the scale stays until Ctrl-C.`,
  options: {
    pty: { type: 'boolean' },
    link: { type: 'string' },
    format: { type: 'string' },
    interval: { type: 'string' },
    settle: { type: 'string' },
    division: { type: 'string' },
    flicker: { type: 'string' },
    garbage: { type: 'string' },
    file: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(context) {
    if (context.values.pty !== true) throw new PackgateError('USAGE', `--pty is required\n\n${simScaleCommand.usage}`);
    const format = stringOption(context, 'format', 'st-gs');
    if (!(SERIAL_SCALE_FORMATS as readonly string[]).includes(format)) throw new PackgateError('USAGE', `--format must be one of ${SERIAL_SCALE_FORMATS.join(', ')}, not "${format.slice(0, 40)}"`);
    const probability = (name: string): number => {
      const value = Number(stringOption(context, name, '0'));
      if (!(value >= 0 && value <= 1)) throw new PackgateError('USAGE', `--${name} must be from 0 to 1`);
      return value;
    };
    const options = {
      format: format as SerialScaleFormatName,
      intervalMs: integerOption(context, 'interval', 100, 60_000) || 100,
      settleMs: integerOption(context, 'settle', 600, 60_000),
      divisionGrams: integerOption(context, 'division', 1, 1_000) || 1,
      flicker: probability('flicker'),
      garbageRate: probability('garbage'),
      random: seededRandom(integerOption(context, 'seed', 1, 2 ** 32 - 1)),
    };
    const file = stringOption(context, 'file');
    const link = await PtyLink.create(stringOption(context, 'link', DEFAULT_LINK));
    const sim = new SerialScaleSimulator(link, options);
    sim.start();
    console.log(link.path);
    console.error(
      `Scale on ${link.path} (${link.device}), ${format}.\n` +
        `Agent: packgate station --id ID --scale serial:${link.path}:${format}\n` +
        `${file ? `Weighing ${file}` : 'Type grams to put on the scale, one load per line'}; Ctrl-C to stop.`,
    );
    await playUntilInterrupted(
      file,
      (lines, signal) => playScaleScript(sim, lines, { signal, onStep: (step) => console.error(step.kind === 'place' ? `[${step.grams} g]` : `[${step.kind}]`) }),
      () => sim.close(),
    );
    return 0;
  },
};
