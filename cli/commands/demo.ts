import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setDefaultLogLevel } from '../../common/log.js';
import { HUB_DEFAULTS, Hub } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SimulatedScanner } from '../../station/scanner/sim.js';
import { integerOption, stringOption, untilInterrupted, type Command } from '../command.js';
import { demoShift } from './demo-shift.js';

const STATIONS = ['PACK-01', 'PACK-02'];

export const demoCommand: Command = {
  name: 'demo',
  summary: 'hub, embedded broker and simulated stations working a seeded shift (npm start)',
  usage: `Usage: packgate demo [options]

Starts a hub with its embedded broker, seeds a catalog, stock and orders, and runs two
simulated packing stations (simulated scanner and label printer) that pack those orders
through the pack session: a wrong item now and then is blocked and cleared. Prints the
tablet page URL with a manager token, and each packer's screen. Ctrl-C stops it all.

Options:
  --port N           HTTP port of the tablet page (default ${HUB_DEFAULTS.port})
  --mqtt-port N      embedded MQTT broker port (default ${HUB_DEFAULTS.mqttPort})
  --interval MS      milliseconds between a station's scans (default 1500)
  --data DIR         keep state here (default: a temporary folder, removed on exit)
  -h, --help         show this help`,
  options: {
    port: { type: 'string' },
    'mqtt-port': { type: 'string' },
    interval: { type: 'string' },
    data: { type: 'string' },
  },
  async run(context) {
    setDefaultLogLevel('warn');
    const keptDir = stringOption(context, 'data');
    const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'packgate-demo-'));
    const hub = await Hub.start({
      site: HUB_DEFAULTS.site,
      host: HUB_DEFAULTS.host,
      port: integerOption(context, 'port', HUB_DEFAULTS.port),
      mqttPort: integerOption(context, 'mqtt-port', HUB_DEFAULTS.mqttPort),
      dataDir: join(dataDir, 'hub'),
    });
    const token = await hub.createToken('demo manager', 'manager');
    const intervalMs = integerOption(context, 'interval', 1500, 3_600_000);
    const shift = demoShift(STATIONS, Date.now().toString(36).slice(-4).toUpperCase());
    const seed = { now: new Date(), actor: { kind: 'system', id: 'demo' } } as const;
    for (const command of shift.commands) {
      const result = hub.execute(command, seed);
      if (!result.ok) console.error(`packgate: demo seed ${command.type} refused: ${result.code}`);
    }
    const stations = await Promise.all(
      Object.entries(shift.scripts).map(async ([id, script]) => {
        // A kept --data folder already knows the station: issue a fresh password each run.
        const login = await hub.provisionStation(id, { replace: true });
        return StationAgent.start({
          id,
          site: HUB_DEFAULTS.site,
          hubUrl: hub.mqttUrl,
          dataDir: join(dataDir, id),
          scanner: new SimulatedScanner({ script, intervalMs, limit: script.length }),
          httpPort: 0,
          mqttUsername: login.username,
          mqttPassword: login.password,
        });
      }),
    );
    console.log(`packgate demo is running.

  Tablet page:    ${hub.httpUrl}/#token=${token}
  Manager token:  ${token}
  Health:         ${hub.httpUrl}/api/v1/health
  MQTT broker:    ${hub.mqttUrl}
  Stations:       ${stations.map((station) => station.options.id).join(', ')}
${stations.map((station) => `  Packer screen:  ${station.options.id} ${station.screenUrl ?? '(not served)'}/`).join('\n')}
  Data:           ${dataDir}${keptDir ? '' : ' (removed on exit)'}

Press Ctrl-C to stop.`);
    await untilInterrupted();
    console.log('\nStopping…');
    await Promise.all(stations.map((station) => station.close()));
    await hub.close();
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
    console.log('Stopped.');
    return 0;
  },
};
