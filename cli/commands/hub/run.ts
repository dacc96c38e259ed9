import { PackgateError } from '../../../common/errors.js';
import { MQTT_MAX_PACKET_BYTES } from '../../../hub/broker/embedded.js';
import { HUB_DEFAULTS, HUB_LIMITS, Hub } from '../../../hub/hub.js';
import { DEFAULT_LIVE_DAYS } from '../../../hub/store/history-options.js';
import { withConfigFile } from '../../config-file.js';
import { idOption } from '../../id-option.js';
import { durationOption, integerOption, listenFailure, stringOption, untilInterrupted, type CommandContext } from '../../command.js';
import { MQTT_PASSWORD_ENV, mqttPasswordOption } from './password-file.js';
import { DEFAULT_HUB_DATA, type HubSubcommand } from './subcommand.js';
import { weightToleranceOption } from './weight-tolerance.js';
import { DEFAULT_WEIGHT_TOLERANCE, MAX_WEIGHT_TOLERANCE } from '../../../protocol/pack-vocabulary.js';

/** The largest rate the options take: a number, not a limit anyone would set. */
const MAX_RATE = 2 ** 31;
/** A station's largest payload (64 KiB) with its topic and headers: less would cut legitimate ones. */
const MIN_PACKET_BYTES = 66_560;
/** A hundred years: more is keeping everything, which 0 says. */
const MAX_LIVE_DAYS = 36_500;

/** `packgate hub`: runs the hub until Ctrl-C. */
export const runHub: HubSubcommand = {
  path: [],
  usage: `[options]
    Runs the hub. Stations connect to its MQTT broker; tablets open the page and /ws.

    --site ID                  site id, the MQTT topic root packgate/v1/ID (default ${HUB_DEFAULTS.site})
    --host ADDR                HTTP and embedded-broker bind address (default ${HUB_DEFAULTS.host}: this machine only)
    --port N                   HTTP port for the API, /ws and the tablet page (default ${HUB_DEFAULTS.port})
    --mqtt-port N              embedded MQTT broker port (default ${HUB_DEFAULTS.mqttPort})
    --mqtt-url URL             use an external MQTT 3.1.1 broker instead of the embedded one
    --mqtt-username NAME       the hub's login on the external broker (default hub@SITE)
    --mqtt-password-file PATH  file holding the hub's password on the external broker
                               (or set ${MQTT_PASSWORD_ENV})
    --config FILE              a JSON object of these options, named without the dashes
                               ({"port": 8080, "stuck-labelled": "90m"}); options given
                               here win over the file (docs/operations.md#a-config-file)
    --data DIR                 state and history folder (default ./${DEFAULT_HUB_DATA}); one
                               hub per folder: a second is refused with DATA_LOCKED
    --history-live-days N      days the history keeps queryable (default ${DEFAULT_LIVE_DAYS}; 0: all); older
                               sealed days move gzipped to DIR/history-archive/ (read them with zcat)
    --station-rate N           messages a second one station may send on average, ${HUB_LIMITS.stationBurstSeconds} s of
                               it at once (default ${HUB_LIMITS.stationMessagesPerSecond}; 0: no limit); more is dropped
                               unstored, counted, and replayed from the station's outbox later
    --station-bytes-rate N     payload bytes a second one station may send, the same way
                               (default ${HUB_LIMITS.stationBytesPerSecond}; 0: no limit)
    --mqtt-max-packet N        the largest MQTT packet in bytes a station may send the embedded
                               broker (default ${HUB_LIMITS.mqttMaxPacketBytes}); a larger one closes its connection
    --stuck-released D         the patrol's limits, 1m to 30d (e.g. 90m): an order that stays
                               released but not labelled or sealed (default 4h),
    --stuck-labelled D         labelled but not handed over (default 2h),
    --stuck-handed-over D      handed over but not picked up (default 4h) raises an
                               order-stuck alert; the patrol runs every minute
    --weight-tolerance-grams N
    --weight-tolerance-percent P
                               the weight check's tolerance, sent to every station: a
                               parcel passes when it is off by at most N grams or P % of
                               what it should weigh, whichever is larger (default ${DEFAULT_WEIGHT_TOLERANCE.grams} g
                               and ${DEFAULT_WEIGHT_TOLERANCE.percent} %; N whole, 0 to ${MAX_WEIGHT_TOLERANCE.grams}; P 0 to ${MAX_WEIGHT_TOLERANCE.percent}). A start
                               with another tolerance than the last is recorded in the
                               history (tablet: Mapping; GET /api/v1/catalog/weights)

    On first start the hub creates an admin token and prints it once; keep it. The embedded
    broker takes only provisioned stations (see \`packgate hub station add\`).`,
  options: {
    config: { type: 'string' },
    site: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'mqtt-port': { type: 'string' },
    'mqtt-url': { type: 'string' },
    'mqtt-username': { type: 'string' },
    'mqtt-password-file': { type: 'string' },
    data: { type: 'string' },
    'history-live-days': { type: 'string' },
    'station-rate': { type: 'string' },
    'station-bytes-rate': { type: 'string' },
    'mqtt-max-packet': { type: 'string' },
    'stuck-released': { type: 'string' },
    'stuck-labelled': { type: 'string' },
    'stuck-handed-over': { type: 'string' },
    'weight-tolerance-grams': { type: 'string' },
    'weight-tolerance-percent': { type: 'string' },
  },
  async run(given) {
    const context = withConfigFile(given, runHub.options);
    const mqttUrl = stringOption(context, 'mqtt-url');
    const mqttUsername = stringOption(context, 'mqtt-username');
    if (!mqttUrl && (mqttUsername !== undefined || stringOption(context, 'mqtt-password-file') !== undefined)) {
      throw new PackgateError(
        'USAGE',
        "--mqtt-username and --mqtt-password-file are the hub's login on an external broker (--mqtt-url); the embedded broker makes its own",
      );
    }
    if (mqttUrl && stringOption(context, 'mqtt-max-packet') !== undefined) {
      throw new PackgateError('USAGE', "--mqtt-max-packet bounds the embedded broker; set an external broker's own limit (docs/operations.md#limits)");
    }
    const mqttMaxPacketBytes = integerOption(context, 'mqtt-max-packet', HUB_LIMITS.mqttMaxPacketBytes, MQTT_MAX_PACKET_BYTES);
    if (mqttMaxPacketBytes < MIN_PACKET_BYTES) throw new PackgateError('USAGE', `--mqtt-max-packet must be at least ${MIN_PACKET_BYTES} bytes`);
    const mqttPassword = mqttUrl ? mqttPasswordOption(context) : undefined;
    if (mqttUrl && mqttPassword === undefined) {
      console.error(`packgate: warning: no MQTT password for ${mqttUrl} (--mqtt-password-file); connecting without a login`);
    }
    const site = idOption(context, 'site', 'site', HUB_DEFAULTS.site);
    const port = integerOption(context, 'port', HUB_DEFAULTS.port);
    const mqttPort = integerOption(context, 'mqtt-port', HUB_DEFAULTS.mqttPort);
    const weightTolerance = weightToleranceOption(context);
    const hub = await Hub.start({
      site,
      host: stringOption(context, 'host', HUB_DEFAULTS.host),
      port,
      mqttPort,
      ...(mqttUrl ? { mqttUrl } : {}),
      ...(mqttUsername !== undefined ? { mqttUsername } : {}),
      ...(mqttPassword !== undefined ? { mqttPassword } : {}),
      dataDir: stringOption(context, 'data', DEFAULT_HUB_DATA),
      historyLiveDays: integerOption(context, 'history-live-days', DEFAULT_LIVE_DAYS, MAX_LIVE_DAYS),
      limits: {
        stationMessagesPerSecond: integerOption(context, 'station-rate', HUB_LIMITS.stationMessagesPerSecond, MAX_RATE),
        stationBytesPerSecond: integerOption(context, 'station-bytes-rate', HUB_LIMITS.stationBytesPerSecond, MAX_RATE),
        mqttMaxPacketBytes,
      },
      stuckLimits: stuckLimitOptions(context),
      ...(weightTolerance ? { weightTolerance } : {}),
    }).catch((err: unknown) => {
      throw listenFailure(err, [
        ...(mqttUrl ? [] : [{ option: 'mqtt-port', port: mqttPort, what: "the hub's MQTT broker" }]),
        { option: 'port', port, what: "the hub's HTTP server" },
      ]);
    });
    const interrupted = untilInterrupted();
    if (!hub.hasTokens()) {
      const token = await hub.createToken('first admin', 'admin');
      console.log(`Admin token (shown once, keep it): ${token}`);
    }
    console.log(`Tablet page:  ${hub.httpUrl}/`);
    console.log(`Stations:     --hub ${hub.mqttUrl} --site ${site} (each with its own login: packgate hub station add)`);
    await interrupted;
    await hub.close();
    return 0;
  },
};

const MIN_STUCK_MS = 60_000;
const MAX_STUCK_MS = 30 * 86_400_000;

/** `--stuck-released`, `--stuck-labelled`, `--stuck-handed-over`: the patrol's limits given, in ms. */
function stuckLimitOptions(context: CommandContext): Partial<Record<'released' | 'labelled' | 'handed-over', number>> {
  const limits: Partial<Record<'released' | 'labelled' | 'handed-over', number>> = {};
  for (const node of ['released', 'labelled', 'handed-over'] as const) {
    const ms = durationOption(context, `stuck-${node}`);
    if (ms === undefined) continue;
    if (ms < MIN_STUCK_MS || ms > MAX_STUCK_MS) throw new PackgateError('USAGE', `--stuck-${node} must be from 1m to 30d`);
    limits[node] = ms;
  }
  return limits;
}
