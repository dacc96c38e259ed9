import { join } from 'node:path';
import { PackgateError } from '../../common/errors.js';
import { HUB_DEFAULTS } from '../../hub/defaults.js';
import { StationAgent } from '../../station/agent.js';
import { DEFAULT_SCREEN_PORT } from '../../station/http/server.js';
import { DEFAULT_PACK_POLICY, PACK_FLOWS, type PackFlow, type PackPolicy } from '../../station/pack/index.js';
import { PRINTER_SPEC_SYNTAX, formatPrinterSpec, parsePrinterSpec, type WaybillPrinterSpec, type ZplPrinterSpec } from '../../station/printer/spec.js';
import { SCALE_SPEC_HELP, DEFAULT_SCALE_SPEC, describeScaleSpec, parseScaleSpec } from '../../station/scale/spec.js';
import { withConfigFile } from '../config-file.js';
import { openPrinter, openScale } from '../devices.js';
import { SCANNER_SPEC_HELP, createScanner, parseScannerSpec } from '../../station/scanner/spec.js';
import { DEFAULT_RETENTION_DAYS, DEFAULT_RETENTION_MB, journalRetention } from '../../station/store/journal-retention.js';
import { DEFAULT_RETENTION } from '../../station/camera/evidence.js';
import { formatCameraSpec, parseCameraSpec } from '../../station/camera/spec.js';
import { idOption } from '../id-option.js';
import { integerOption, stringOption, untilInterrupted, type CommandSpec } from '../command.js';
import { MQTT_PASSWORD_ENV, mqttPasswordOption } from './hub/password-file.js';

export const stationCommand: CommandSpec = {
  usage: `Usage: packgate station --id ID [options]

Runs the agent of one packing station: every scan drives the pack session (verdicts,
blocks, the release gate), its events are journaled and sent to the hub and kept until
the hub acknowledges them; labels print, or parcels are sealed, only for whole orders
verified that the hub has not stopped; the packer's screen is served on this machine.

Options:
  --id ID                    this station's id (letters, digits, '.', '_', '-'); required
  --site ID                  site id (default ${HUB_DEFAULTS.site})
  --hub URL                  the hub's MQTT broker (default mqtt://127.0.0.1:${HUB_DEFAULTS.mqttPort})
  --scanner SPEC             ${SCANNER_SPEC_HELP}(default stdin: one scan per line)
  --printer SPEC             a label printer or a platform's print program; repeat it for
                             one ZPL printer and up to one print program per platform:
                               tcp:HOST[:PORT] | serial:PATH[@BAUD] | file:PATH | sim[:PORT] | none
                               cainiao:URL[#PRINTER] | pdd:URL | douyin:URL | kuaishou:URL
                             (URL ws:// or wss://, e.g. cainiao:ws://127.0.0.1:13528;
                             #PRINTER names the program's printer, default its default).
                             Each parcel prints through its platform's program when the
                             order carries the platform's print data, else on the ZPL
                             printer. sim: a simulated ZPL printer in this process on a
                             free loopback port (sim:PORT chooses the port); none: no
                             printer, for --flow verify-preprinted. Required: there is no
                             default printer
  --scale SPEC               ${SCALE_SPEC_HELP}A scale that is not there is reported absent with the reason,
                             never simulated in its place
  --config FILE              a JSON object of these options, named without the dashes
                             ({"id": "PACK-01", "printer": ["tcp:10.0.0.5"]}); options given
                             here win over the file (docs/operations.md#a-config-file)
  --data DIR                 journal and state folder (default ./.packgate/station-ID);
                             one agent per folder: a second is refused with DATA_LOCKED
  --http-port N              the packer's screen on http://127.0.0.1:N (default ${DEFAULT_SCREEN_PORT};
                             0 picks a free port)
  --mode pack|dock           pack (default): a packing bench. dock: the outbound dock,
                             where handover batches (交接) are scanned: a $PG:CARRIER:CODE
                             card opens one, each waybill is checked against the hub's
                             dock manifest, $PG:CLOSE closes it and prints its sheet
  --flow FLOW                how a verified order is released (default ${DEFAULT_PACK_POLICY.flow}):
                             print-after-verify  each parcel's label prints once the whole
                                                 order is verified
                             verify-preprinted   labels were printed before picking: the
                                                 packer scans the waybill to open the order,
                                                 and each parcel is sealed, not printed
                             kept in the data folder, like --hub-silence: give it again to change it
  --require-weighing yes|no  the site weighs every parcel: no label prints and no parcel
                             is sealed without a working scale showing a steady weight
                             (default no; kept in the data folder, like --flow)
  --box-grams G              the box weight the weight check adds to the units' catalog
                             weights when a parcel's box is neither scanned nor picked
                             from the hub's box types (default 0; kept in the data folder)
  --hub-silence S            offline policy: seconds of hub silence after which labels
                             and seals wait for the hub (default ${DEFAULT_PACK_POLICY.hubSilenceMs / 1000})
  --journal-retention-days N
                             keep events the hub acked in the journal for N days (default
                             ${DEFAULT_RETENTION_DAYS}), so a hub whose history lost them gets them again
  --journal-retention-mb N   and at most N MB of them (default ${DEFAULT_RETENTION_MB}); events the hub
                             has not acked are kept whatever their age and size
  --camera SPEC              the bench camera that films each order for its evidence clip:
                               v4l2:/dev/videoN  a USB camera's own H.264, copied
                               rtsp://…          an IP camera or NVR channel (over TCP)
                               sim               ffmpeg's test picture (no hardware)
                               none              no clips; each order's record says so
                             (default none; needs ffmpeg on the PATH)
  --evidence-days N          clips older than N days are deleted, pinned ones never
                             (default ${DEFAULT_RETENTION.maxDays}; 0: no age limit)
  --evidence-gb N            clips may fill at most N GiB, oldest deleted first
                             (default ${DEFAULT_RETENTION.maxBytes / 1024 ** 3}; 0: no size limit)
  --mqtt-username NAME       MQTT login (default: the station id)
  --mqtt-password-file PATH  file holding the station's MQTT password, as printed by
                             \`packgate hub station add\` (or set ${MQTT_PASSWORD_ENV})
  -h, --help                 show this help`,
  options: {
    id: { type: 'string' },
    site: { type: 'string' },
    hub: { type: 'string' },
    scanner: { type: 'string' },
    scale: { type: 'string' },
    printer: { type: 'string', multiple: true },
    config: { type: 'string' },
    data: { type: 'string' },
    'http-port': { type: 'string' },
    flow: { type: 'string' },
    mode: { type: 'string' },
    'hub-silence': { type: 'string' },
    'journal-retention-days': { type: 'string' },
    'journal-retention-mb': { type: 'string' },
    'require-weighing': { type: 'string' },
    'box-grams': { type: 'string' },
    'mqtt-username': { type: 'string' },
    'mqtt-password-file': { type: 'string' },
    camera: { type: 'string' },
    'evidence-days': { type: 'string' },
    'evidence-gb': { type: 'string' },
  },
  async run(given) {
    const context = withConfigFile(given, stationCommand.options);
    // Every option is checked before anything starts (the scanner, the printer, the agent).
    const id = idOption(context, 'id', 'station');
    if (!id) throw new PackgateError('USAGE', `--id is required\n\n${stationCommand.usage}`);
    const site = idOption(context, 'site', 'site', HUB_DEFAULTS.site);
    const mqttPassword = mqttPasswordOption(context);
    if (mqttPassword === undefined) {
      console.error(`packgate: warning: no MQTT password (--mqtt-password-file or ${MQTT_PASSWORD_ENV}); the hub's broker refuses stations without one`);
    }
    const httpPort = integerOption(context, 'http-port', DEFAULT_SCREEN_PORT);
    const hubSilenceS = integerOption(context, 'hub-silence', DEFAULT_PACK_POLICY.hubSilenceMs / 1000, 7 * 24 * 3600);
    const flow = flowOption(stringOption(context, 'flow'));
    const mode = modeOption(stringOption(context, 'mode', 'pack'));
    const retention = journalRetention(
      integerOption(context, 'journal-retention-days', DEFAULT_RETENTION_DAYS, 3650),
      integerOption(context, 'journal-retention-mb', DEFAULT_RETENTION_MB, 1024 * 1024),
    );
    const requireWeighing = yesNoOption(stringOption(context, 'require-weighing'));
    const policy: Partial<PackPolicy> = {
      ...(context.values['hub-silence'] !== undefined ? { hubSilenceMs: hubSilenceS * 1000 } : {}),
      ...(requireWeighing !== undefined ? { requireWeighing } : {}),
      ...(context.values['box-grams'] !== undefined ? { boxWeightGrams: integerOption(context, 'box-grams', 0, 1_000_000) } : {}),
      ...(flow !== undefined ? { flow } : {}),
    };
    const { zpl, programs } = printerOptions(context.values.printer);
    const scaleSpec = parseScaleSpec(stringOption(context, 'scale', DEFAULT_SCALE_SPEC));
    const camera = parseCameraSpec(stringOption(context, 'camera', 'none'));
    const evidenceRetention = {
      maxDays: integerOption(context, 'evidence-days', DEFAULT_RETENTION.maxDays, 3650),
      maxBytes: integerOption(context, 'evidence-gb', DEFAULT_RETENTION.maxBytes / 1024 ** 3, 100_000) * 1024 ** 3,
    };
    const scanner = await createScanner(parseScannerSpec(stringOption(context, 'scanner', 'stdin')));
    const scale = await openScale(scaleSpec);
    const printer = zpl ? await openPrinter(zpl) : null;
    const agent = await StationAgent.start({
      id,
      site,
      hubUrl: stringOption(context, 'hub', `mqtt://127.0.0.1:${HUB_DEFAULTS.mqttPort}`),
      dataDir: stringOption(context, 'data', join('.packgate', `station-${id}`)),
      scanner,
      ...(scale ? { scale } : {}),
      printer,
      printPrograms: programs,
      camera,
      evidence: { retention: evidenceRetention },
      httpPort,
      mode,
      journalRetention: retention,
      ...(Object.keys(policy).length > 0 ? { policy } : {}),
      mqttUsername: stringOption(context, 'mqtt-username', id),
      ...(mqttPassword !== undefined ? { mqttPassword } : {}),
      onSiteRefused: (message) => console.error(`packgate: ${message} [OUTSIDE_SITE]`),
    });
    // Listening before saying so: a Ctrl-C right after the line must not kill the agent unclosed.
    const interrupted = untilInterrupted();
    const printing = [
      printer ? `${printer.kind} printer (${printer.target})` : 'no ZPL printer',
      ...programs.map((spec) => `${spec.platform} print program (${spec.url})`),
    ];
    const weighing = scale ? `${describeScaleSpec(scaleSpec)} scale` : 'no scale';
    console.log(`Station ${id} running${mode === 'dock' ? ' at the dock' : ''}: ${scanner.kind} scanner, ${printing.join(', ')}, ${weighing}, ${agent.copy.policy.flow}, camera ${formatCameraSpec(camera)}.`);
    if (agent.screenUrl) console.log(`Packer screen:  ${agent.screenUrl}/`);
    // A scanner missing at start is reported, not fatal: the driver keeps looking for it.
    const scannerStatus = scanner.status();
    if (scannerStatus.state !== 'ok') {
      console.error(`packgate: warning: scanner ${scannerStatus.state}: ${scannerStatus.detail ?? 'no reason given'}; the agent keeps trying it, packing waits for scans`);
    }
    if (agent.copy.policy.requireWeighing && !scale) {
      console.error('packgate: warning: this site requires weighing and the station has no scale (--scale); labels and seals wait');
    }
    const scaleStatus = scale?.status();
    if (scaleStatus && scaleStatus.state !== 'ok') {
      console.error(`packgate: warning: scale ${scaleStatus.state}: ${scaleStatus.detail ?? 'no reason given'}; the agent keeps trying it`);
    }
    const screenError = agent.screenError;
    if (screenError) {
      const code = screenError instanceof PackgateError ? ` [${screenError.code}]` : '';
      console.error(`packgate: warning: ${screenError.message}${code}; packing goes on without the packer's screen`);
    }
    console.error('Ctrl-C to stop.');
    await interrupted;
    await agent.close();
    return 0;
  },
};

/** What `packgate station` says when no `--printer` is given: there is no default printer. */
export const NO_PRINTER_GIVEN = `--printer is required: a label printer (tcp:HOST[:PORT], serial:PATH[@BAUD], file:PATH), a print program (cainiao:URL, pdd:URL, douyin:URL, kuaishou:URL), sim for a simulated printer, or none for a bench that prints nothing (--flow verify-preprinted)`;

/**
 * `--printer`, repeated: at most one ZPL printer and at most one print program per platform, or
 * `none` alone. There is no default: a station that reported labels printed on a printer
 * nobody named would pretend. A usage error names what is missing or doubled.
 */
function printerOptions(raw: unknown): { zpl: ZplPrinterSpec | undefined; programs: WaybillPrinterSpec[] } {
  const texts = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  if (texts.length === 0) throw new PackgateError('USAGE', NO_PRINTER_GIVEN);
  if (texts.includes('none')) {
    if (texts.length > 1) throw new PackgateError('USAGE', '--printer none cannot be given with another --printer');
    return { zpl: undefined, programs: [] };
  }
  let zpl: ZplPrinterSpec | undefined;
  const programs: WaybillPrinterSpec[] = [];
  for (const spec of texts.map(parsePrinterSpec)) {
    if (spec.kind === 'waybill') {
      if (programs.some((program) => program.platform === spec.platform)) {
        throw new PackgateError('USAGE', `--printer names the ${spec.platform} print program twice`);
      }
      programs.push(spec);
    } else if (zpl) {
      throw new PackgateError('USAGE', `--printer names two label printers (${formatPrinterSpec(zpl)}, ${formatPrinterSpec(spec)}); a station drives one`);
    } else zpl = spec;
  }
  return { zpl, programs };
}

/** `--require-weighing yes|no`, or a usage error. */
function yesNoOption(raw: string | undefined): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'yes' || raw === 'no') return raw === 'yes';
  throw new PackgateError('USAGE', `--require-weighing must be yes or no, not "${raw.slice(0, 40)}"`);
}

/** `--mode pack|dock`, or a usage error. */
function modeOption(raw: string): 'pack' | 'dock' {
  if (raw === 'pack' || raw === 'dock') return raw;
  throw new PackgateError('USAGE', `--mode must be pack or dock, not "${raw.slice(0, 40)}"`);
}

/** `--flow`: one of PACK_FLOWS, or a usage error naming them. */
function flowOption(raw: string | undefined): PackFlow | undefined {
  if (raw === undefined) return undefined;
  if ((PACK_FLOWS as readonly string[]).includes(raw)) return raw as PackFlow;
  throw new PackgateError('USAGE', `--flow must be one of ${PACK_FLOWS.join(', ')}, not "${raw.slice(0, 40)}"`);
}
