import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../../cli/command.js';
import { simCommand } from '../../../../cli/commands/sim.js';
import { runPrinterSimulator, simPrinterCommand } from '../../../../cli/commands/sim/printer.js';
import { hostStatusLength, parseHostStatus } from '../../../../station/printer/host-status.js';
import { renderLabel } from '../../../../station/printer/render.js';
import { parsePrinterSpec } from '../../../../station/printer/spec.js';
import { TcpTransport } from '../../../../station/printer/tcp.js';
import { simConsole } from '../../../helpers/stream-text.js';
import { sampleLabel } from '../../../station/printer/fixtures.js';

describe('packgate sim printer', () => {
  it('is listed by packgate sim and refuses a bad port or a scanner option with USAGE', async () => {
    expect(simCommand.usage).toContain(simPrinterCommand.usage);
    await expect(simCommand.run(parseCommandArgs(simCommand, ['printer', '--port', 'nine']))).rejects.toMatchObject({ code: 'USAGE' });
    expect(() => simCommand.run(parseCommandArgs(simCommand, ['printer', '--pty']))).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('serves on the port it prints, prints a line per label, and takes control lines', async () => {
    const { input, output, notices, out, said } = simConsole();
    const stop = new AbortController();
    const running = runPrinterSimulator({ host: '127.0.0.1', port: 0, odometer: true, input, output, notices, signal: stop.signal });
    const [spec] = await out.match(/^tcp:\S+$/m);
    const target = parsePrinterSpec(spec);
    if (target.kind !== 'tcp') throw new Error(spec);
    const transport = new TcpTransport(target.host, target.port);
    try {
      await transport.send(Buffer.from(renderLabel(sampleLabel(), { jobId: 'TB800#1' })), 2000);
      await out.match(/^#1 TB800#1 \["Order 订单 TB2026112200123"/m);

      input.write('paper-out\n');
      await said.match(/paper out; 1 printed, 0 waiting/);
      const status = parseHostStatus(await transport.query(Buffer.from('~HS'), hostStatusLength, 2000));
      expect(status.paperOut).toBe(true);

      input.write('toast\n');
      await said.match(/Commands on standard input/);
    } finally {
      await transport.close();
      stop.abort();
      await running;
    }
  });
});
