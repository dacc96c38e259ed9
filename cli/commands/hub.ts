import { join } from 'node:path';
import { HUB_DEFAULTS, Hub } from '../../hub/hub.js';
import { integerOption, stringOption, untilInterrupted, type Command } from '../command.js';

export const hubCommand: Command = {
  name: 'hub',
  summary: 'run the hub: MQTT broker, ingest, HTTP API and the tablet page',
  usage: `Usage: packgate hub [options]

Runs the hub. Stations connect to its MQTT broker; tablets open the page and /ws.

Options:
  --site ID          site id, the MQTT topic root packgate/v1/ID (default ${HUB_DEFAULTS.site})
  --host ADDR        HTTP and embedded-broker bind address (default ${HUB_DEFAULTS.host}: this machine only)
  --port N           HTTP port for the API, /ws and the tablet page (default ${HUB_DEFAULTS.port})
  --mqtt-port N      embedded MQTT broker port (default ${HUB_DEFAULTS.mqttPort})
  --mqtt-url URL     use an external MQTT 3.1.1 broker instead of the embedded one
  --data DIR         state and history folder (default ./.packgate/hub)
  -h, --help         show this help

On first start the hub creates an admin token and prints it once; keep it.`,
  options: {
    site: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'mqtt-port': { type: 'string' },
    'mqtt-url': { type: 'string' },
    data: { type: 'string' },
  },
  async run(context) {
    const mqttUrl = stringOption(context, 'mqtt-url');
    const hub = await Hub.start({
      site: stringOption(context, 'site', HUB_DEFAULTS.site),
      host: stringOption(context, 'host', HUB_DEFAULTS.host),
      port: integerOption(context, 'port', HUB_DEFAULTS.port),
      mqttPort: integerOption(context, 'mqtt-port', HUB_DEFAULTS.mqttPort),
      ...(mqttUrl ? { mqttUrl } : {}),
      dataDir: stringOption(context, 'data', join('.packgate', 'hub')),
    });
    if (!hub.hasTokens()) {
      const token = await hub.createToken('first admin', 'admin');
      console.log(`Admin token (shown once, keep it): ${token}`);
    }
    console.log(`Tablet page:  ${hub.httpUrl}/`);
    console.log(`Stations:     --hub ${hub.mqttUrl}`);
    await untilInterrupted();
    await hub.close();
    return 0;
  },
};
