import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO_SIMULATORS, DEMO_STATIONS } from '../../cli/commands/demo-run.js';
import { BLOCK_NODE_HID, CliProcess } from '../helpers/cli-process.js';
import { freePortRun } from '../helpers/free-port.js';
import { TabletClient } from '../helpers/tablet-client.js';

describe('packgate demo (what npm start runs)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('the test hook really makes node-hid unimportable', () => {
    const probe = spawnSync(process.execPath, ['--import', BLOCK_NODE_HID, '-e', "await import('node-hid')"], {
      input: '',
      encoding: 'utf8',
    });
    expect(probe.status).not.toBe(0);
    expect(probe.stderr).toContain('node-hid is blocked');
  });

  it('brings up hub and stations without node-hid on the ports asked for, shows scans on the feed, prints the staged incidents, and stops cleanly on Ctrl-C', async () => {
    const screenPort = await freePortRun(DEMO_STATIONS.length);
    const simPort = await freePortRun(DEMO_SIMULATORS);
    const args = ['demo', '--port', '0', '--mqtt-port', '0', '--screen-port', String(screenPort), '--sim-port', String(simPort), '--interval', '50'];
    const demo = new CliProcess(args, ['--import', BLOCK_NODE_HID]);
    cleanups.push(() => demo.stop('SIGKILL'));
    const [, pageUrl, token] = await demo.waitForOutput(/Tablet page:\s+(http:\/\/127\.0\.0\.1:\d+)\/#token=(pg_\S+)/);

    const page = await fetch(`${pageUrl}/`);
    expect(page.status).toBe(200);
    // Each packer's screen on the port asked for, the second one above the first.
    for (const [index, station] of DEMO_STATIONS.entries()) {
      await demo.waitForOutput(new RegExp(`Packer screen: +${station} http://127\\.0\\.0\\.1:${screenPort + index}/\n`));
      expect((await fetch(`http://127.0.0.1:${screenPort + index}/`)).status).toBe(200);
    }
    // A line per bench names its printers: the label printer, and a print program per platform,
    // on loopback, on ports counted up from --sim-port.
    const simPorts: number[] = [];
    for (const station of DEMO_STATIONS) {
      const line = new RegExp(
        `Printers: +${station} ZPL tcp:127\\.0\\.0\\.1:(\\d+) \\(own-contract orders\\); print programs cainiao:(ws://127\\.0\\.0\\.1:(\\d+)) pdd:ws://127\\.0\\.0\\.1:(\\d+) douyin:ws://127\\.0\\.0\\.1:(\\d+) kuaishou:ws://127\\.0\\.0\\.1:(\\d+)/ks/printer\n`,
      );
      const [, zpl, cainiao, ...programs] = await demo.waitForOutput(line);
      simPorts.push(Number(zpl), ...programs.map(Number));
      expect(await printerNames(cainiao!)).toEqual(['Simulated Printer 模拟打印机']);
    }
    expect(simPorts).toEqual(Array.from({ length: simPorts.length }, (_, index) => simPort + index));
    const tablet = new TabletClient(pageUrl!, token!);
    await tablet.connect();
    cleanups.push(() => tablet.close());
    await tablet.until((records) => {
      const stations = new Set(records.flatMap((r) => (r.kind === 'event' ? [r.station] : [])));
      return stations.has('PACK-01') && stations.has('PACK-02');
    });
    // Each bench has a simulated scale the packer puts every verified parcel on.
    await tablet.until((records) => records.some((r) => r.kind === 'station' && r.status.scale?.kind === 'sim' && r.status.scale.state === 'ok'));

    // The incident lines a newcomer reads: the first is the refund freeze.
    await demo.waitForOutput(/\d\d:\d\d:\d\d staged: refund-only request freezes order \S+ mid-pack at PACK-01/);
    expect(demo.stdout).toContain('What to watch on the tablet page');

    const tabletClosed = tablet.closed();
    expect(await demo.stop('SIGINT')).toBe(0);
    await tabletClosed;
    expect(demo.stdout).toContain('Stopped.');
    expect(demo.stderr).not.toMatch(/"level":(50|60)/);
  }, 40_000);
});

/** Asks a print program for its printers (`getPrinters`), as the station does. */
async function printerNames(url: string): Promise<string[]> {
  const socket = new WebSocket(url);
  try {
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<{ printers: Array<{ name: string }> }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ cmd: 'getPrinters', requestID: 'demo-test', version: '1.0' }));
    return (await reply).printers.map((printer) => printer.name);
  } finally {
    socket.close();
  }
}
