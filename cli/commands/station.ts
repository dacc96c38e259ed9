import { join } from 'node:path';
import { PackgateError } from '../../common/errors.js';
import { HUB_DEFAULTS } from '../../hub/hub.js';
import { StationAgent } from '../../station/agent.js';
import { SCANNER_SPEC_HELP, createScanner, parseScannerSpec } from '../../station/scanner/spec.js';
import { stringOption, untilInterrupted, type Command } from '../command.js';
import { MQTT_PASSWORD_ENV, mqttPasswordOption } from './hub/password-file.js';

export const stationCommand: Command = {
  name: 'station',
  summary: 'run a packing-station agent',
  usage: `Usage: packgate station --id ID [options]

Runs the agent of one packing station: reads the scanner, journals every scan and
sends it to the hub, keeping it until the hub acknowledges it.

Options:
  --id ID                    this station's id (letters, digits, '.', '_', '-'); required
  --site ID                  site id (default ${HUB_DEFAULTS.site})
  --hub URL                  the hub's MQTT broker (default mqtt://127.0.0.1:${HUB_DEFAULTS.mqttPort})
  --scanner SPEC             ${SCANNER_SPEC_HELP} (default stdin: one scan per line)
  --data DIR                 journal and state folder (default ./.packgate/station-ID)
  --mqtt-username NAME       MQTT login (default: the station id)
  --mqtt-password-file PATH  file holding the station's MQTT password, as printed by
                             \`packgate hub station add\` (or set ${MQTT_PASSWORD_ENV})
  -h, --help                 show this help`,
  options: {
    id: { type: 'string' },
    site: { type: 'string' },
    hub: { type: 'string' },
    scanner: { type: 'string' },
    data: { type: 'string' },
    'mqtt-username': { type: 'string' },
    'mqtt-password-file': { type: 'string' },
  },
  async run(context) {
    const id = stringOption(context, 'id');
    if (!id) throw new PackgateError('USAGE', `--id is required\n\n${stationCommand.usage}`);
    const mqttPassword = mqttPasswordOption(context);
    if (mqttPassword === undefined) {
      console.error(`packgate: warning: no MQTT password (--mqtt-password-file or ${MQTT_PASSWORD_ENV}); the hub's broker refuses stations without one`);
    }
    const scanner = await createScanner(parseScannerSpec(stringOption(context, 'scanner', 'stdin')));
    const agent = await StationAgent.start({
      id,
      site: stringOption(context, 'site', HUB_DEFAULTS.site),
      hubUrl: stringOption(context, 'hub', `mqtt://127.0.0.1:${HUB_DEFAULTS.mqttPort}`),
      dataDir: stringOption(context, 'data', join('.packgate', `station-${id}`)),
      scanner,
      mqttUsername: stringOption(context, 'mqtt-username', id),
      ...(mqttPassword !== undefined ? { mqttPassword } : {}),
    });
    console.error(`Station ${id} running (${scanner.kind} scanner); Ctrl-C to stop.`);
    await untilInterrupted();
    await agent.close();
    return 0;
  },
};
