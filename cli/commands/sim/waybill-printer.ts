import type { Readable, Writable } from 'node:stream';
import { integerOption, listenFailure, stringOption, type Command } from '../../command.js';
import { answerControlsUntilAborted, serveUntilInterrupted } from './serve.js';
import { PackgateError } from '../../../common/errors.js';
import { WAYBILL_PLATFORMS, type WaybillPlatform } from '../../../protocol/waybill-vocabulary.js';
import { CONTROL_HELP, applyControl } from '../../../firmware-sim/waybill-printer/controls.js';
import { SIM_DIALECTS } from '../../../firmware-sim/waybill-printer/dialects.js';
import { WaybillPrinterSimulator } from '../../../firmware-sim/waybill-printer/server.js';

export interface RunWaybillPrinterOptions {
  readonly platform: WaybillPlatform;
  readonly host: string;
  /** Default: the real program's port. */
  readonly port?: number;
  /** Control lines (standard input). */
  readonly input: Readable;
  /** The `--printer` spec, then one line per printed document: its number, waybill and task, never its data. */
  readonly output: Writable;
  /** Replies to control lines (standard error). */
  readonly notices: Writable;
  readonly signal: AbortSignal;
  /** Called once the simulator listens (not when it cannot). */
  readonly onListening?: () => void;
}

/** Runs a simulated print program until `signal` aborts. */
export async function runWaybillPrinterSimulator(options: RunWaybillPrinterOptions): Promise<void> {
  const sim = await WaybillPrinterSimulator.start({ platform: options.platform, host: options.host, ...(options.port !== undefined && { port: options.port }) });
  const off = sim.program.onPrinted((doc) => options.output.write(`#${doc.number} ${doc.waybill} task ${doc.taskId}\n`));
  options.output.write(`${sim.spec}\n`);
  options.onListening?.();
  try {
    await answerControlsUntilAborted(options.input, options.notices, options.signal, (line) => applyControl(sim, line));
  } finally {
    off();
    await sim.close();
  }
}

const PORTS = WAYBILL_PLATFORMS.map((platform) => `${platform} ${SIM_DIALECTS[platform].port}${SIM_DIALECTS[platform].path ?? ''}`).join(', ');

export const simWaybillPrinterCommand: Command = {
  name: 'waybill-printer',
  summary: 'an e-waybill print program (Cainiao, Pinduoduo, Douyin, Kuaishou; JSON over WebSocket)',
  usage: `Usage: packgate sim waybill-printer --platform ${WAYBILL_PLATFORMS.join('|')} [--port N] [--host ADDRESS]

Runs a platform's e-waybill print program (打印组件) as its WebSocket server: getPrinters,
getPrinterConfig, print (one result notification per task: rendered, then printed or
failed) and getTaskStatus, in that platform's dialect. It prints the --printer spec on
standard output, then one line per document it prints (number, waybill, task id; never the
print data), and keeps every document with its payload. Point the agent at it:
  packgate station --id ID --printer cainiao:ws://127.0.0.1:13528

Options:
  --platform NAME   ${WAYBILL_PLATFORMS.join(', ')} (required)
  --port N          WebSocket port (default the real program's: ${PORTS};
                    0 picks a free one)
  --host ADDRESS    address to listen on (default 127.0.0.1)

${CONTROL_HELP}`,
  options: {
    platform: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
  async run(context) {
    const platform = stringOption(context, 'platform');
    if (!(WAYBILL_PLATFORMS as readonly (string | undefined)[]).includes(platform)) {
      const what = platform === undefined ? 'which platform?' : `unknown platform "${platform}"`;
      throw new PackgateError('USAGE', `${what} --platform is one of ${WAYBILL_PLATFORMS.join(', ')}\n\n${simWaybillPrinterCommand.usage}`);
    }
    const chosen = platform as WaybillPlatform;
    const port = integerOption(context, 'port', SIM_DIALECTS[chosen].port);
    await serveUntilInterrupted((signal) =>
      runWaybillPrinterSimulator({
        platform: chosen,
        host: stringOption(context, 'host', '127.0.0.1'),
        port,
        input: process.stdin,
        output: process.stdout,
        notices: process.stderr,
        signal,
        onListening: () => process.stderr.write(`${SIM_DIALECTS[chosen].name} print program simulator running; type "status" or Ctrl-C to stop.\n`),
      }).catch((err: unknown) => {
        throw listenFailure(err, [{ option: 'port', port, what: `the ${SIM_DIALECTS[chosen].name} print program simulator` }]);
      }),
    );
    return 0;
  },
};
