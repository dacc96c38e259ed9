import { createLogger } from '../../common/log.js';
import type { HubAck, HubCommand, StationStatus } from '../../protocol/index.js';
import type { EvidenceKeeper } from '../camera/evidence.js';
import { HubLink } from '../link/hub-link.js';
import type { HubPresence } from '../link/hub-presence.js';
import type { Outbox } from '../link/outbox.js';
import type { HubCopy } from '../store/hub-copy.js';
import type { DockDriver } from './dock-driver.js';
import { evidenceCommands } from './evidence-wiring.js';
import { commandAck, needsAck, onHubCommand } from './hub-commands.js';
import type { StationOptions } from './options.js';
import type { PackDriver } from './pack-driver.js';
import type { Recorder } from './recorder.js';

const log = createLogger('station.agent');

/** What the station's link to the hub delivers to, and reads from. */
export interface LinkParts {
  readonly options: StationOptions;
  readonly outbox: Outbox;
  readonly presence: HubPresence;
  readonly copy: HubCopy;
  readonly driver: PackDriver;
  readonly recorder: Recorder;
  readonly evidence: EvidenceKeeper;
  readonly dock: DockDriver | undefined;
  readonly journalPath: string;
  readonly status: () => StationStatus;
  readonly onAck: (ack: HubAck) => void;
  /** A device or a held version changed: tell the hub and the screen. */
  readonly changed: () => void;
}

/**
 * The station's MQTT link to the hub, wired to the station: lists replace the hub copy and reach
 * the session at once (invariant 3), commands go to their handlers (hub-commands.ts) and the
 * ones that need it are acknowledged, dock manifests reach the dock session.
 */
export function openHubLink(parts: LinkParts): HubLink {
  const { options, copy, driver, dock } = parts;
  const listsUpdated = () => {
    driver.input({ type: 'lists_updated' });
    parts.changed();
  };
  const link: HubLink = new HubLink({
    url: options.hubUrl,
    site: options.site,
    station: options.id,
    outbox: parts.outbox,
    status: parts.status,
    presence: parts.presence,
    handlers: {
      onAck: parts.onAck,
      onCommand: (command) => {
        onHubCommand(command, { copy, input: (input) => driver.input(input), evidence: evidenceCommands(parts.evidence, options.dataDir, (frame) => link.publishFile(frame), () => parts.changed()) });
        if (needsAck(command)) acknowledge(parts, command);
      },
      onStops: (list) => (copy.replaceStops(list), listsUpdated()),
      onFreezes: (list) => (copy.replaceFreezes(list), listsUpdated()),
      onSitePolicy: (policy) => (copy.replaceSitePolicy(policy), parts.changed()),
      onMapping: (snapshot) => (copy.replaceMapping(snapshot), listsUpdated()),
      onMappingDelta: (delta) => copy.applyMappingDelta(delta) && listsUpdated(),
      heldMappingVersion: () => copy.versions().mapping,
      ...(dock ? { onDock: (manifest: Parameters<DockDriver['manifestArrived']>[0], retained: boolean) => dock.manifestArrived(manifest, retained) } : {}),
    },
    ...(options.mqttPassword !== undefined ? { username: options.mqttUsername ?? options.id, password: options.mqttPassword } : {}),
    ...(options.onSiteRefused ? { onSiteRefused: options.onSiteRefused } : {}),
    journalPath: parts.journalPath,
    ...(options.hubReconnectMs !== undefined ? { reconnectMs: options.hubReconnectMs } : {}),
  });
  return link;
}

/**
 * Tells the hub that a command it sent has been applied (a stop reached the session): a
 * `cmd.ack` event, journaled and sent like any other, after the events the command made.
 */
function acknowledge({ recorder, driver }: LinkParts, command: HubCommand): void {
  const events = recorder.build([commandAck(command)], driver.now());
  try {
    recorder.commit(events);
  } catch (err) {
    // A full disk: the hub sees no cmd.ack for this command (it shows the stop as not confirmed).
    recorder.discard(events);
    log.error({ err: (err as Error).message, cmd: command.id }, 'could not journal a command acknowledgement');
  }
}
