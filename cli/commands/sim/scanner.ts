import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integerOption, stringOption, type Command } from '../../command.js';
import { playUntilInterrupted } from './script-input.js';
import { PackgateError, errorMessage } from '../../../common/errors.js';
import { DEFAULT_FIRMWARE, SCAN_FAULTS, WIRE_TERMINATORS, normalizeAim, type FirmwareConfig, type WireTerminator } from '../../../firmware-sim/scanner/firmware.js';
import { PtyLink } from '../../../firmware-sim/scanner/pty-link.js';
import { seededRandom } from '../../../common/random.js';
import { parseFaultRates, playScript } from '../../../firmware-sim/scanner/script.js';
import { ScannerSimulator } from '../../../firmware-sim/scanner/simulator.js';

const DEFAULT_LINK = join(tmpdir(), 'packgate-scanner');

export const simScannerCommand: Command = {
  name: 'scanner',
  summary: 'a serial barcode scanner on a pseudo-terminal',
  usage: `Usage: packgate sim scanner --pty [options]

Makes a serial barcode scanner that is a real tty (a socat pseudo-terminal), prints the
device path on standard output, and sends each scan line as scanner firmware does:
terminator, optional AIM prefix, paced at the baud rate. Point the agent at it with
  packgate station --id ID --scanner serial:PATH

Options:
  --pty              serve on a pseudo-terminal (needs socat); the one transport so far
  --link PATH        device path to create (default ${DEFAULT_LINK})
  --baud N           pace bytes at N baud, 10 bits each (default ${DEFAULT_FIRMWARE.baudRate}; 0 = no pacing)
  --term T           cr | lf | crlf | none (default ${DEFAULT_FIRMWARE.terminator})
  --aim ID           AIM symbology id before each scan, e.g. ]E0 (default none)
  --file SCANS       read scan lines from this file instead of standard input
  --interval MS      pause after each scan (default 500 with --file, else 0)
  --faults LIST      random faults per scan, e.g. drop-char=0.05,split=0.1
                     (${SCAN_FAULTS.join(', ')})
  --seed N           seed for random faults and garbage (default 1)

Scan lines: CODE scans CODE; "!split,garbage CODE" scans it with those faults;
"!unplug" removes the device and "!replug" brings it back at the same path;
"!wait MS" pauses; blank lines and lines starting with # are skipped.
When the lines run out the device stays until Ctrl-C.`,
  options: {
    pty: { type: 'boolean' },
    link: { type: 'string' },
    baud: { type: 'string' },
    term: { type: 'string' },
    aim: { type: 'string' },
    file: { type: 'string' },
    interval: { type: 'string' },
    faults: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(context) {
    if (context.values.pty !== true) throw new PackgateError('USAGE', `--pty is required\n\n${simScannerCommand.usage}`);
    const term = stringOption(context, 'term', DEFAULT_FIRMWARE.terminator);
    if (!Object.hasOwn(WIRE_TERMINATORS, term)) throw new PackgateError('USAGE', `--term must be cr, lf, crlf or none, not "${term}"`);
    const aim = stringOption(context, 'aim');
    let config: FirmwareConfig;
    try {
      config = {
        ...DEFAULT_FIRMWARE,
        baudRate: integerOption(context, 'baud', DEFAULT_FIRMWARE.baudRate, 4_000_000),
        terminator: term as WireTerminator,
        ...(aim === undefined ? {} : { aim: normalizeAim(aim) }),
      };
    } catch (err) {
      if (err instanceof PackgateError) throw err;
      throw new PackgateError('USAGE', `--aim: ${errorMessage(err)}`);
    }
    const file = stringOption(context, 'file');
    const intervalMs = integerOption(context, 'interval', file ? 500 : 0, 3_600_000);
    const faultRates = parseFaultRates(stringOption(context, 'faults', ''));
    const random = seededRandom(integerOption(context, 'seed', 1, 2 ** 32 - 1));

    const link = await PtyLink.create(stringOption(context, 'link', DEFAULT_LINK));
    const sim = new ScannerSimulator(link, config, random);
    console.log(link.path);
    console.error(
      `Scanner on ${link.path} (${link.device}), ${config.baudRate || 'unpaced'} baud, ${config.terminator}.\n` +
        `Agent: packgate station --id ID --scanner serial:${link.path}\n` +
        `${file ? `Scanning ${file}` : 'Type barcodes, one per line'}; Ctrl-C to stop.`,
    );

    await playUntilInterrupted(
      file,
      (lines, signal) =>
        playScript(sim, lines, {
          intervalMs,
          faultRates,
          random,
          signal,
          onStep: (step, delivered) => {
            if (step.kind !== 'scan') console.error(`[${step.kind}]`);
            else if (step.faults.length > 0 || !delivered) console.error(`${step.code} [${[...step.faults, ...(delivered ? [] : ['unplugged: lost'])].join(', ')}]`);
          },
        }),
      () => sim.close(),
    );
    return 0;
  },
};
