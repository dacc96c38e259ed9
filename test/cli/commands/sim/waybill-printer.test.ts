import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../../cli/command.js';
import { simCommand } from '../../../../cli/commands/sim.js';
import { runWaybillPrinterSimulator, simWaybillPrinterCommand } from '../../../../cli/commands/sim/waybill-printer.js';
import { createWaybillPrintQueue, parsePrinterSpec } from '../../../../station/printer/spec.js';
import type { WaybillPrintEvent } from '../../../../station/printer/waybill/queue.js';
import { EventLog, about } from '../../../station/printer/event-log.js';
import { simConsole } from '../../../helpers/stream-text.js';
import { samplePrintData, secretOf } from '../../../station/printer/waybill/fixtures.js';

describe('packgate sim waybill-printer', () => {
  it('is listed by packgate sim, and refuses a missing or unknown platform, a bad port or a foreign option with USAGE', async () => {
    expect(simCommand.usage).toContain(simWaybillPrinterCommand.usage);
    const run = (...argv: string[]) => simCommand.run(parseCommandArgs(simCommand, ['waybill-printer', ...argv]));
    await expect(run()).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('cainiao, pdd, douyin, kuaishou') });
    await expect(run('--platform', 'jd')).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('unknown platform "jd"') });
    await expect(run('--platform', 'pdd', '--port', 'nine')).rejects.toMatchObject({ code: 'USAGE' });
    expect(() => run('--platform', 'pdd', '--no-odometer')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('serves on the spec it prints, prints a line per document without its data, and takes control lines', async () => {
    const { input, output, notices, out, said } = simConsole();
    const stop = new AbortController();
    const running = runWaybillPrinterSimulator({ platform: 'kuaishou', host: '127.0.0.1', port: 0, input, output, notices, signal: stop.signal });
    const [text] = await out.match(/^kuaishou:ws:\/\/127\.0\.0\.1:\d+\/ks\/printer$/m);
    const spec = parsePrinterSpec(text);
    if (spec.kind !== 'waybill') throw new Error(text);
    const events = new EventLog<WaybillPrintEvent>();
    const queue = await createWaybillPrintQueue(spec, { onEvent: events.add, pollMs: 40 });
    const print = samplePrintData('kuaishou');
    try {
      queue.start();
      queue.print('KS1', { waybill: 'KS0001', print });
      await events.next(about('printed', 'KS1#1'));
      await out.match(/^#1 KS0001 task KS1#1\.1$/m);
      expect(out.text()).not.toContain(secretOf(print));

      input.write('pause\n');
      await said.match(/paused; 1 printed, 0 waiting, 1 connected/);
      input.write('delay 250\n');
      await said.match(/delay 250 ms/);
      input.write('fail-render\n');
      await said.match(/armed: fail-render ×1/);
      input.write('restart\n');
      await said.match(/restarted on ws:\/\/127\.0\.0\.1:\d+\/ks\/printer/);
      input.write('toast\n');
      await said.match(/Commands on standard input/);
    } finally {
      await queue.close();
      stop.abort();
      await running;
    }
  });
});
