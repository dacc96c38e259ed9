import type { DeviceStatus } from '../../protocol/index.js';
import type { PackAsideReason } from '../../protocol/pack-vocabulary.js';
import { asideCardCode } from '../barcode/index.js';
import type { ScaleSource } from '../scale/source.js';
import { LOCALES, message, type Display, type DisplayState, type Locale, type MessageKey } from '../pack/index.js';

/** One message in every locale the screen offers: `{ 'zh-CN': …, en: … }`. */
export type Text = Readonly<Record<Locale, string>>;

/** What the station knows of the hub, for the screen's corner and the offline warning. */
export interface HubView {
  readonly connected: boolean;
  /** The hub is being heard now. */
  readonly live: boolean;
  readonly lastHeardAt: number | null;
}

/**
 * The packer's screen as the page receives it over its WebSocket: the pack session's `Display`
 * with every message key already turned into its zh-CN and English strings (station/pack
 * `MESSAGES` stays the one place they live), plus the printer and the hub.
 */
export interface ScreenView {
  readonly station: string;
  readonly state: DisplayState;
  /** The flow of the order on screen (the station's when none is). */
  readonly flow: Display['flow'];
  readonly packer: string | null;
  readonly prompt: Text;
  readonly notice: Text | null;
  readonly block: (NonNullable<Display['block']> & { readonly titleText: Text; readonly actionText: Text }) | null;
  readonly order: Display['order'];
  readonly lines: Display['lines'];
  readonly totals: Display['totals'];
  /**
   * `gateText`: why the release gate is shut now, worded for what it holds back: "do not seal"
   * for a verify-preprinted order not yet sealed, the label otherwise.
   */
  readonly label: (NonNullable<Display['label']> & { readonly gateText: Text | null }) | null;
  /** Each parcel of the order: its waybill, units, and label or seal state. */
  readonly parcels: Display['parcels'];
  /** The current parcel (n of N). */
  readonly parcel: Display['parcel'];
  readonly awaiting: Display['awaiting'];
  /** The scanner: `absent` (with why) while its device is missing, `fault` when it failed. */
  readonly scanner: DeviceStatus | null;
  readonly printer: DeviceStatus;
  /** The platforms' print programs the station drives (`kind` is the platform). */
  readonly programs: readonly DeviceStatus[];
  /** The bench scale, when the station has one: its status, and the weight once stable. */
  readonly scale: ScaleView | null;
  /** The bench camera, when the station records one: recording, starting, or a fault (storage full included). */
  readonly camera: DeviceStatus | null;
  readonly hub: HubView & { readonly silenceLimitMs: number };
  /** The put-aside menu while it is open: its title, each reason in words with its card's code, and Back. */
  readonly asideMenu: AsideMenuView | null;
}

/** The put-aside menu as the page draws it: a tap sends `{type: "aside", reason}`, Back `{type: "aside_menu", open: false}`. */
export interface AsideMenuView {
  readonly title: Text;
  readonly back: Text;
  readonly reasons: readonly { readonly reason: PackAsideReason; readonly text: Text; readonly card: string }[];
}

/** The scale as the packer sees it: its status, and the newest weight (null while there is none). */
export interface ScaleView extends DeviceStatus {
  readonly weight: { readonly grams: number; readonly stable: boolean } | null;
}

/** The scale's status and newest weight, for the screen. */
export function scaleView(scale: Pick<ScaleSource, 'status' | 'latest'>): ScaleView {
  const latest = scale.latest();
  return { ...scale.status(), weight: latest ? { grams: latest.reading.grams, stable: latest.stable } : null };
}

export interface ScreenInputs {
  readonly station: string;
  readonly display: Display;
  readonly scanner?: DeviceStatus;
  readonly printer: DeviceStatus;
  readonly programs?: readonly DeviceStatus[];
  readonly scale?: ScaleView;
  readonly camera?: DeviceStatus;
  readonly hub: HubView;
  readonly hubSilenceMs: number;
}

function text(key: MessageKey, params: Readonly<Record<string, string>> = {}): Text {
  return Object.fromEntries(LOCALES.map((locale) => [locale, message(key, locale, params)])) as Record<Locale, string>;
}

/** What the screen says while the station's disk refuses its writes: scans are not taken. */
export function diskFullNotice(code: string): Text {
  return text('notice.disk_full', { code });
}

/** Builds the screen's view; pure. */
export function screenView({ station, display, scanner, printer, programs = [], scale, camera, hub, hubSilenceMs }: ScreenInputs): ScreenView {
  const block = display.block;
  const sealing = display.flow === 'verify-preprinted' && display.parcels.some((parcel) => !parcel.sealed);
  const gate = display.label?.gate;
  return {
    station,
    state: display.state,
    flow: display.flow,
    packer: display.packer,
    prompt: text(display.prompt, { ...block?.params, ...display.promptParams, packer: display.packer ?? '' }),
    notice: display.notice ? text(display.notice.key, display.notice.params) : null,
    block: block ? { ...block, titleText: text(block.title, block.params), actionText: text(block.action, block.params) } : null,
    order: display.order,
    lines: display.lines,
    totals: display.totals,
    label: display.label ? { ...display.label, gateText: gate ? text(sealing ? `seal.${gate}` : `gate.${gate}`) : null } : null,
    parcels: display.parcels,
    parcel: display.parcel,
    awaiting: display.awaiting,
    scanner: scanner ?? null,
    printer,
    programs,
    scale: scale ?? null,
    camera: camera ?? null,
    hub: { ...hub, silenceLimitMs: hubSilenceMs },
    asideMenu: display.asideMenu
      ? {
          title: text('aside.menu_title'),
          back: text('aside.menu_back'),
          reasons: display.asideMenu.map((reason) => ({ reason, text: text(`asideReason.${reason}`), card: asideCardCode(reason) })),
        }
      : null,
  };
}
