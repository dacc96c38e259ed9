import { setDefaultLogLevel } from '../../common/log.js';
import { HUB_DEFAULTS } from '../../hub/defaults.js';
import { DEFAULT_SCREEN_PORT } from '../../station/http/server.js';
import { integerOption, listenFailure, stringOption, untilInterrupted, type CommandSpec } from '../command.js';
import { DEMO_INTERVAL_MS, consoleLine, seconds } from './demo-incidents.js';
import { DEMO_SIMULATORS, DEMO_STATIONS, DemoShiftRun, benchPrinters } from './demo-run.js';

/** `count` ports from `base` on; none when the base is 0 (free ports cannot be in use). */
function consecutive(base: number, count: number): number[] {
  return base === 0 ? [] : Array.from({ length: count }, (_, index) => base + index);
}

export const demoCommand: CommandSpec = {
  usage: `Usage: packgate demo [options]

Starts a hub with its embedded broker, seeds a catalog, stock and orders, and runs two
simulated packing stations that pack those orders through the pack session. Each has a
simulated scanner, a simulated packer, and the printers its orders need: the Cainiao,
Pinduoduo, Douyin and Kuaishou print programs (simulated, WebSocket) for the platforms'
e-waybills, and a simulated ZPL label printer (TCP) for the seller's own-contract orders
(every fourth). Screens and simulators listen on loopback; their ports are printed at start. Within
two minutes it stages one of each thing the tablet page is for: a wrong item, a refund-only
freeze mid-pack, a scanner unplugged and back, a mapping change awaiting confirmation, a
label printer out of paper; and one order per station ships in two parcels. The first
station films each order with the simulated camera (ffmpeg's test picture; without ffmpeg
its orders' evidence says the clip is missing). Prints the
tablet page URL with a manager token, each packer's screen and printers, and a line per
incident as it is staged. Ctrl-C stops it all.

Options:
  --port N           HTTP port of the tablet page (default ${HUB_DEFAULTS.port})
  --mqtt-port N      embedded MQTT broker port (default ${HUB_DEFAULTS.mqttPort})
  --screen-port N    the first packer's screen (default ${DEFAULT_SCREEN_PORT}); the second is N+1;
                     0 picks free ports
  --sim-port N       the first simulator's port (label printers, print programs), the
                     others counted up from it (default 0: free ports)
  --interval MS      milliseconds between a packer's scans (default ${DEMO_INTERVAL_MS});
                     the incidents' times scale with it
  --data DIR         keep state here (default: a temporary folder, removed on exit)
  -h, --help         show this help`,
  options: {
    port: { type: 'string' },
    'mqtt-port': { type: 'string' },
    'screen-port': { type: 'string' },
    'sim-port': { type: 'string' },
    interval: { type: 'string' },
    data: { type: 'string' },
  },
  async run(context) {
    setDefaultLogLevel('warn');
    const keptDir = stringOption(context, 'data');
    const intervalMs = Math.max(1, integerOption(context, 'interval', DEMO_INTERVAL_MS, 3_600_000));
    const port = integerOption(context, 'port', HUB_DEFAULTS.port);
    const mqttPort = integerOption(context, 'mqtt-port', HUB_DEFAULTS.mqttPort);
    const screenPort = integerOption(context, 'screen-port', DEFAULT_SCREEN_PORT, 65535 - DEMO_STATIONS.length);
    const simPort = integerOption(context, 'sim-port', 0, 65535 - DEMO_SIMULATORS);
    const demo = await DemoShiftRun.start({
      port,
      mqttPort,
      screenPort,
      simPort,
      intervalMs,
      ...(keptDir === undefined ? {} : { dataDir: keptDir }),
      say: (word, text) => console.log(consoleLine(new Date(), word, text)),
    }).catch((err: unknown) => {
      throw listenFailure(err, [
        { option: 'mqtt-port', port: mqttPort, what: "the hub's MQTT broker" },
        { option: 'port', port, what: "the hub's HTTP server" },
        ...consecutive(simPort, DEMO_SIMULATORS).map((taken) => ({ option: 'sim-port', port: taken, what: 'a simulated printer' })),
      ]);
    });
    const { hub, token } = demo;
    const at = (kind: string) => seconds(demo.schedule.find((incident) => incident.kind === kind)?.atMs ?? 0);
    const multiParcel = [...demo.benches].flatMap(([id, bench]) => bench.packer.plan.orders.flatMap((order) => (order.parcels.length > 1 ? [`${order.orderNo} at ${id}`] : [])));
    const interrupted = untilInterrupted();
    console.log(`packgate demo is running.

  Tablet page:    ${hub.httpUrl}/#token=${token}
  Manager token:  ${token}
  Health:         ${hub.httpUrl}/api/v1/health
  MQTT broker:    ${hub.mqttUrl}
  Stations:       ${[...demo.benches.keys()].join(', ')}
${[...demo.benches].map(([id, bench]) => `  Packer screen:  ${id} ${bench.agent.screenUrl ?? '(not served)'}/`).join('\n')}
${[...demo.benches].map(([id, bench]) => `  Printers:       ${id} ${benchPrinters(bench)}`).join('\n')}
  Data:           ${demo.dataDir}${keptDir ? '' : ' (removed on exit)'}

What to watch on the tablet page (a line below as each is staged):
  - wrong items scanned, blocked and cleared at the bench (every fifth order, the first at once)
  - platform orders' e-waybills print through their platform's print program, and own-contract
    orders (every fourth) on the label printer; one order per bench ships in two parcels (一单多包):
    ${multiParcel.join(', ')}
  - after ${at('refund-freeze')}: a refund-only request freezes an order mid-pack — Frozen stock: approve or reject
  - after ${at('scanner-unplugged')}: a scanner unplugged and plugged back — Stations, and a fault alert
  - after ${at('mapping-change')}: a channel mapping changed, its orders held — Mapping: old and new side by side, confirm or roll back
  - after ${at('printer-paper-out')}: a label printer out of paper at the next own-contract order — the label waits, prints once when refilled
  Acknowledge alerts with one tap (Alerts).

Press Ctrl-C to stop.`);
    demo.begin();
    await interrupted;
    console.log('\nStopping…');
    await demo.close();
    console.log('Stopped.');
    return 0;
  },
};
