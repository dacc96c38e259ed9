import type { DeviceStatus } from '../../protocol/index.js';
import type { EvidenceKeeper } from '../camera/evidence.js';
import type { CameraRecorder } from '../camera/recorder.js';
import { dockScreenView, type DockScreenView } from '../http/dock-view.js';
import { diskFullNotice, scaleView, screenView, type HubView, type ScreenView } from '../http/view.js';
import type { HubPresence } from '../link/hub-presence.js';
import type { HubCopy } from '../store/hub-copy.js';
import type { DockDriver } from './dock-driver.js';
import { cameraStatus } from './evidence-wiring.js';
import type { LabelDriver } from './labels.js';
import type { StationOptions } from './options.js';
import type { DiskTrouble, PackDriver } from './pack-driver.js';

/** What the station's screens show, read from the agent's parts as they are now. */
export interface ShownParts {
  readonly options: StationOptions;
  readonly driver: PackDriver;
  readonly labels: LabelDriver;
  readonly presence: HubPresence;
  readonly copy: HubCopy;
  readonly camera: CameraRecorder | null;
  readonly evidence: EvidenceKeeper;
}

/** The hub as the station hears it, at `now`. */
export function hubView(presence: HubPresence, now: number): HubView {
  return { connected: presence.connectedToBroker, live: presence.live, lastHeardAt: presence.lastHeardAt(now) };
}

/** What the packer's screen shows now; a disk refusing pack steps is its notice. */
export function packScreen({ options, driver, labels, presence, copy, camera, evidence }: ShownParts): ScreenView {
  const view = screenView({
    station: options.id,
    display: driver.display(),
    scanner: options.scanner.status(),
    ...(options.scale ? { scale: scaleView(options.scale) } : {}),
    ...(camera ? { camera: cameraStatus(camera, evidence) } : {}),
    printer: labels.status(),
    programs: labels.programStatuses(),
    hub: hubView(presence, Date.now()),
    hubSilenceMs: copy.policy.hubSilenceMs,
  });
  const disk = driver.diskTrouble;
  return disk ? { ...view, notice: diskFullNotice(disk.code) } : view;
}

/** What the dock's screen shows now. */
export function dockScreen({ options, labels, presence, copy }: ShownParts, dock: DockDriver): DockScreenView {
  return dockScreenView({
    station: options.id,
    dock,
    scanner: options.scanner.status(),
    printer: labels.status(),
    hub: hubView(presence, Date.now()),
    hubSilenceMs: copy.policy.hubSilenceMs,
  });
}

/** The data folder: `fault` while the disk refuses pack steps (scans are not taken). */
export function storageStatus(disk: DiskTrouble | undefined): DeviceStatus {
  return disk ? { kind: 'disk', state: 'fault', detail: `${disk.code}: scans refused since ${new Date(disk.since).toISOString()}` } : { kind: 'disk', state: 'ok' };
}
