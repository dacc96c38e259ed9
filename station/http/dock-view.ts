import type { DeviceStatus } from '../../protocol/index.js';
import { dockText } from '../dock/messages.js';
import type { DockMessageKey } from '../dock/messages.js';
import { dockPrompt, type DockSession, type SheetPrint } from '../dock/session.js';
import type { DockManifestIndex } from '../dock/verdict.js';
import type { HubView, Text } from './view.js';

/**
 * The dock's screen (`--mode dock`) as the page receives it: the open batch and its parcels, the
 * block while a parcel must be taken out (its title in both languages: "Take this parcel out
 * 拦截：请取出此包裹"), the last batch closed and its sheet's print, the carriers to choose from.
 */
export interface DockScreenView {
  readonly mode: 'dock';
  /** `blocked` while a parcel must be taken out, else `dock` (the page's body class). */
  readonly state: 'dock' | 'blocked';
  readonly station: string;
  readonly operator: string | null;
  /** The operator, under the name the bench's page shows it. */
  readonly packer: string | null;
  readonly prompt: Text;
  readonly notice: Text | null;
  readonly batch: { readonly id: string; readonly carrier: string; readonly openedAt: string; readonly count: number; readonly parcels: ReadonlyArray<{ readonly waybill: string; readonly orderId: string }> } | null;
  readonly block: { readonly waybill: string; readonly code: string; readonly orderId: string | null; readonly detail: string; readonly since: number; readonly titleText: Text; readonly actionText: Text } | null;
  readonly lastClosed: { readonly id: string; readonly carrier: string; readonly count: number; readonly closedAt: string; readonly print: string | null } | null;
  readonly carriers: readonly string[];
  readonly manifest: { readonly version: number; readonly parcels: number } | null;
  readonly scanner: DeviceStatus | null;
  readonly printer: DeviceStatus;
  readonly hub: HubView & { readonly silenceLimitMs: number };
}

/** What the dock's screen reads of the running dock (the agent's dock driver). */
export interface DockScreenSource {
  readonly session: DockSession;
  readonly printState: SheetPrint | null;
  readonly manifest: DockManifestIndex | null;
  readonly carriers: readonly string[];
}

/** The most parcels of the open batch the screen lists (newest first); the count is whole. */
const SHOWN_PARCELS = 50;

export function dockScreenView(inputs: { station: string; dock: DockScreenSource; scanner?: DeviceStatus; printer: DeviceStatus; hub: HubView; hubSilenceMs: number }): DockScreenView {
  const { dock } = inputs;
  const s = dock.session;
  const block = s.block;
  const closed = s.lastClosed;
  const print = dock.printState && closed && dock.printState.batchId === closed.batch.id ? dock.printState.state : null;
  return {
    mode: 'dock',
    state: block ? 'blocked' : 'dock',
    station: inputs.station,
    operator: s.operator,
    packer: s.operator,
    prompt: dockText(dockPrompt(s), { waybill: block?.waybill ?? '' }),
    notice: s.notice ? dockText(s.notice.key, s.notice.params) : null,
    batch: s.batch
      ? {
          id: s.batch.id,
          carrier: s.batch.carrier,
          openedAt: s.batch.openedAt,
          count: s.batch.parcels.length,
          parcels: s.batch.parcels.slice(-SHOWN_PARCELS).reverse().map((p) => ({ waybill: p.waybill, orderId: p.orderId })),
        }
      : null,
    block: block
      ? {
          ...block,
          since: Date.parse(block.at),
          titleText: dockText(`block.${block.code}` as DockMessageKey),
          actionText: dockText(s.withdrawing ? 'prompt.withdraw_armed' : 'prompt.withdraw', { waybill: block.waybill }),
        }
      : null,
    lastClosed: closed ? { id: closed.batch.id, carrier: closed.batch.carrier, count: closed.batch.parcels.length, closedAt: closed.closedAt, print } : null,
    carriers: dock.carriers,
    manifest: dock.manifest ? { version: dock.manifest.version, parcels: dock.manifest.parcels.size } : null,
    scanner: inputs.scanner ?? null,
    printer: inputs.printer,
    hub: { ...inputs.hub, silenceLimitMs: inputs.hubSilenceMs },
  };
}
