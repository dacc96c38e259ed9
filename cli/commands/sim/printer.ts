import type { Readable, Writable } from 'node:stream';
import { integerOption, listenFailure, stringOption, type Command } from '../../command.js';
import { answerControlsUntilAborted, serveUntilInterrupted } from './serve.js';
import { CONTROL_HELP, applyControl } from '../../../firmware-sim/printer/controls.js';
import { PrinterSimulator } from '../../../firmware-sim/printer/server.js';

export interface RunPrinterOptions {
  readonly host: string;
  readonly port: number;
  readonly odometer: boolean;
  /** Control lines (standard input). */
  readonly input: Readable;
  /** The listening address, then one line per printed label (standard output). */
  readonly output: Writable;
  /** Replies to control lines and notices (standard error). */
  readonly notices: Writable;
  readonly signal: AbortSignal;
  /** Called once the simulator listens (not when it cannot). */
  readonly onListening?: () => void;
}

/** Runs a simulated printer until `signal` aborts. */
export async function runPrinterSimulator(options: RunPrinterOptions): Promise<void> {
  const sim = await PrinterSimulator.start({ host: options.host, port: options.port, odometer: options.odometer });
  const off = sim.firmware.onPrinted((label) => {
    options.output.write(`#${label.number} ${label.jobId ?? '-'} ${JSON.stringify(label.fields.slice(0, 3))}\n`);
  });
  options.output.write(`tcp:${sim.host}:${sim.port}\n`);
  options.onListening?.();
  try {
    await answerControlsUntilAborted(options.input, options.notices, options.signal, (line) => applyControl(sim, line));
  } finally {
    off();
    await sim.close();
  }
}

export const simPrinterCommand: Command = {
  name: 'printer',
  summary: 'a network label printer (ZPL over raw TCP, with status replies)',
  usage: `Usage: packgate sim printer [--port N] [--host ADDRESS] [--no-odometer]

Runs a ZPL label printer on a TCP port, as a Zebra printer listens on 9100. It prints the
address on standard output, then one line per label it prints (number, job id, first fields).
It answers ~HS and ~HQOD byte for byte, keeps labels that arrive while it cannot print
(paper out, paused, head open, ribbon out) and prints them once it can. Point the agent at it:
  packgate station --id ID --printer tcp:127.0.0.1:PORT

Options:
  --port N         TCP port (default 9100; 0 picks a free one)
  --host ADDRESS   address to listen on (default 127.0.0.1)
  --no-odometer    do not answer ~HQOD, as printers without the ~HQ query

${CONTROL_HELP}`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'no-odometer': { type: 'boolean' },
  },
  async run(context) {
    const port = integerOption(context, 'port', 9100);
    await serveUntilInterrupted((signal) =>
      runPrinterSimulator({
        host: stringOption(context, 'host', '127.0.0.1'),
        port,
        odometer: context.values['no-odometer'] !== true,
        input: process.stdin,
        output: process.stdout,
        notices: process.stderr,
        signal,
        onListening: () => process.stderr.write('Printer simulator running; type "status" or Ctrl-C to stop.\n'),
      }).catch((err: unknown) => {
        throw listenFailure(err, [{ option: 'port', port, what: 'the printer simulator' }]);
      }),
    );
    return 0;
  },
};
