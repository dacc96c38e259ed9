import type { PackAsideReason, PackBlockReason, PackFlow, PackGateReason, PackSignOutReason, WeightTolerance } from '../../protocol/pack-vocabulary.js';
import type { WaybillPrintData } from '../../protocol/waybill.js';
import type { DecodeResult, OrderRef as LabelRef } from '../barcode/index.js';
import type { NoticeKey } from './messages.js';

/**
 * A barcode accepted for a line, and how many units one scan of it stands for:
 * `1` for the unit's own GTIN or internal code, `6` for a case of six.
 */
export interface AcceptedBarcode {
  /** A GTIN as GTIN-14 (8-, 12- and 13-digit GTINs are padded on load), or any other code exactly as scanned. */
  readonly code: string;
  /** Units per scan, a whole number ≥ 1. */
  readonly multiplier: number;
}

/** What a unit's scan must carry for it to count on the line. Absent means nothing is required. */
export interface LineTracking {
  /** A batch/lot (GS1 AI 10). */
  readonly batch?: boolean;
  /** A serial (GS1 AI 21); packaging barcodes (multiplier > 1) then never count. */
  readonly serial?: boolean;
  /** An expiry date (GS1 AI 17). */
  readonly expiry?: boolean;
}

/** One master SKU of the order and how many units of it go in the parcel. */
export interface PackTaskLine {
  readonly masterSku: string;
  /** Units expected, a whole number ≥ 1. */
  readonly quantity: number;
  /** Every barcode that counts for this line, with its unit multiplier. */
  readonly barcodes: readonly AcceptedBarcode[];
  readonly tracking?: LineTracking;
  /** Grams one unit weighs (the hub's catalog); absent: not known, and the weight check is skipped. */
  readonly unitWeightGrams?: number;
  /** What the unit is called (the hub's catalog), in either language or both; shown, not interpreted. */
  readonly name?: ItemName;
  /** Brand, category and attributes (the hub's catalog), shown so a look-alike is told apart. */
  readonly attributes?: readonly { readonly name: string; readonly value: string }[];
  /** A picture of the unit (an http(s) URL from the hub's catalog); shown, never fetched by the agent. */
  readonly imageUrl?: string;
}

/** A product's name in the screen's languages; either may be missing. */
export interface ItemName {
  readonly 'zh-CN'?: string;
  readonly en?: string;
}

/**
 * A box type of the site (the hub's catalog): the barcode printed on it, what it weighs empty,
 * and the most units the station's rule picks it for (docs/pack-session.md, "Box types").
 */
export interface PackBoxType {
  readonly code: string;
  readonly grams: number;
  readonly maxUnits?: number;
}

/** Ship-to data printed on the label (the hub's `LabelData`). */
export interface PackLabelData {
  readonly name: string;
  readonly phone: string;
  readonly address: string;
}

/**
 * One parcel (包裹) of an order: its waybill (a child waybill where the carrier uses them) and,
 * for a platform order, the print data of that waybill for its print program (opaque: never
 * decoded, logged or shown). Without `print` the station renders its own ZPL label.
 */
export interface PackParcel {
  readonly waybill: string;
  readonly print?: WaybillPrintData;
}

/**
 * What opens an order: a scanned `$PG:` order, task or tote label, or, in the verify-preprinted
 * flow, the waybill printed on a parcel's label (`{type: 'waybill', id}`; the hub resolves it).
 */
export type OrderRef = LabelRef | { readonly type: 'waybill'; readonly id: string };

/**
 * A pack task as the hub releases it to stations: the order it packs, its label data and its
 * lines in master SKUs. Plain JSON. One master SKU appears on one line only.
 */
export interface PackTask {
  /** The hub's task id, e.g. `T17` (also scanned as `$PG:TASK:T17`). */
  readonly taskId: string;
  /** The hub's order id, `{channel}:{orderNo}`; stop lists name tasks or orders. */
  readonly orderId: string;
  /** The channel's order number (scanned as `$PG:ORDER:<orderNo>`). */
  readonly orderNo: string;
  readonly channel: string;
  readonly waybill: string;
  /** The tote the picked units came in (scanned as `$PG:TOTE:<tote>`), if any. */
  readonly tote?: string;
  readonly label: PackLabelData;
  /** At least one line. */
  readonly lines: readonly PackTaskLine[];
  /**
   * The order's parcels in packing order, 1 to 10, each with its own waybill (distinct);
   * absent: one parcel on `waybill` (see `parcelsOf`).
   */
  readonly parcels?: readonly PackParcel[];
  /** The site's box types when the hub released the task; absent: none, `policy.boxWeightGrams` is every box. */
  readonly boxes?: readonly PackBoxType[];
}

/** What the station's mapping snapshot says a barcode is. */
export interface MappedBarcode {
  readonly masterSku: string;
  /** Units per scan; 1 when absent. */
  readonly multiplier?: number;
}

/** The station's copy of the central barcode → master SKU mapping. */
export interface MappingSnapshot {
  readonly version: number;
  /** Keyed by code: GTIN-14 for GTINs, otherwise the code exactly as scanned. */
  readonly barcodes: Readonly<Record<string, MappedBarcode>>;
}

/** A stop-list line (the hub's `StopListEntry` fits): this task or order must not be labelled. */
export interface StopEntry {
  readonly taskId: string;
  readonly orderId?: string;
  /** The hub's reason: `cancel`, `refund`, `frozen-stock`… Shown, not interpreted. */
  readonly reason: string;
  readonly cancelled?: boolean;
}

export interface StopList {
  readonly version: number;
  readonly entries: readonly StopEntry[];
}

/**
 * A freeze-list line (the hub's `FreezeListEntry` fits): units of the SKU frozen, of one batch
 * when `batch` is set. The station refuses a unit on sight only when the entry is `exhausted`.
 */
export interface FreezeEntry {
  readonly sku: string;
  readonly batch?: string;
  /** Applies only at this warehouse when set (and the station knows its own). */
  readonly warehouse?: string;
  /** Units frozen; shown, not interpreted. */
  readonly quantity?: number;
  /**
   * No unit of the lot is free at the hub: every unit of it (of the batch, or of the whole SKU)
   * is refused. When false or absent, the hub's stop list holds the frozen orders and the
   * uncovered tasks.
   */
  readonly exhausted?: boolean;
}

export interface FreezeList {
  readonly version: number;
  readonly entries: readonly FreezeEntry[];
}

/** What the station knows of its link to the hub. */
export interface LinkHealth {
  /** When any message from the hub last arrived (epoch ms), or null if none since start. */
  readonly lastHeardAt: number | null;
}

/** Tunables; see {@link DEFAULT_PACK_POLICY}. */
export interface PackPolicy {
  /** How long to wait for the hub to answer for an order not held locally. */
  readonly awaitOrderMs: number;
  /** Hub silence after which labels are blocked until the hub is heard again (invariant 1). */
  readonly hubSilenceMs: number;
  /** IANA time zone whose calendar day decides "expired" (AI 17 before today). */
  readonly timeZone: string;
  /** How many serials of printed orders the session remembers for `duplicate_serial`. */
  readonly serialMemory: number;
  /**
   * How a verified order is released: `print-after-verify` prints each parcel's label,
   * `verify-preprinted` seals each parcel whose label was printed before picking.
   */
  readonly flow: PackFlow;
  /**
   * The site requires weighing: no label prints and no parcel is sealed without a working scale
   * showing a stable weight of the parcel (issue #15). Default false.
   */
  readonly requireWeighing?: boolean;
  /**
   * The box weight in grams the weight check adds to the units' catalog weights when the parcel's
   * box is neither scanned nor picked by the box-type rule (the site defines no box types, or none
   * fits). Default 0.
   */
  readonly boxWeightGrams?: number;
}

/** The bench scale as the gate sees it: whether it works, and the stable weight it shows now. */
export interface ScaleHealth {
  /** The scale's status is `ok`. */
  readonly ready: boolean;
  /** A stable, positive weight on the scale now, in grams; null while there is none. */
  readonly grams: number | null;
}

/** Everything the session reads but does not own; the station's snapshot at the time of the input. */
export interface PackContext {
  /** The clock, epoch ms. */
  readonly now: number;
  /** Released tasks held locally, by {@link taskKey} (see `indexTasks`). */
  readonly tasks: Readonly<Record<string, PackTask>>;
  readonly mapping: MappingSnapshot;
  /** The newest stop and freeze lists held; null until the first arrives. */
  readonly stopList: StopList | null;
  readonly freezeList: FreezeList | null;
  /** Master SKUs whose mapping awaits confirmation at the hub. */
  readonly pendingSkus: readonly string[];
  readonly link: LinkHealth;
  readonly policy: PackPolicy;
  /** This station's warehouse, for warehouse-specific freezes; unknown means every freeze applies. */
  readonly warehouse?: string;
  /** The bench scale; absent: the station has none. */
  readonly scale?: ScaleHealth;
  /** The site's weight tolerance, from the hub's site policy; absent: `DEFAULT_WEIGHT_TOLERANCE`. */
  readonly weightTolerance?: WeightTolerance;
}

/** What drives the session. */
export type PackInput =
  /** One framed scan: its bytes (base64) and the decoder's result for them (see `scanInput`). */
  | { readonly type: 'scan'; readonly raw: string; readonly truncated?: boolean; readonly result: DecodeResult }
  /** The clock moved: timeouts. */
  | { readonly type: 'tick' }
  /** The stop, freeze or pending-mapping lists in the context were replaced (a hub command). */
  | { readonly type: 'lists_updated' }
  /** The hub answered an order request with its task. */
  | { readonly type: 'task_received'; readonly task: PackTask }
  /** The hub answered that it has no releasable task for the reference. */
  | { readonly type: 'task_unavailable'; readonly ref: OrderRef }
  /** Sign-out from the screen, an idle timer or shift end. */
  | { readonly type: 'sign_out'; readonly reason: PackSignOutReason }
  /** Put aside with a reason chosen on the screen (a tap on the put-aside menu). */
  | { readonly type: 'aside'; readonly reason: PackAsideReason }
  /** The screen's put-aside button (`open: true`, as the `$PG:ASIDE` card) or the menu's Back (`open: false`). */
  | { readonly type: 'aside_menu'; readonly open: boolean }
  /** The printer layer asks to print the next parcel's label (print-after-verify); the session applies the gate and picks the parcel. */
  | { readonly type: 'label_requested' }
  /** The printer layer's report on the label requested; `parcel` (1-based), when given, must be the parcel requested. */
  | { readonly type: 'label_printed'; readonly parcel?: number }
  /** The scale settled on a new stable weight while the order is blocked on `weight_mismatch`, or a verified pre-printed order waits for its seal. */
  | { readonly type: 'reweighed' }
  | { readonly type: 'label_failed'; readonly reason: string; readonly parcel?: number };

/** What a scan that may be a waybill means in the verify-preprinted flow. */
export type WaybillReading =
  /** No order is being packed: open the order this waybill belongs to. */
  | { readonly kind: 'open'; readonly ref: OrderRef }
  /** The waybill of a parcel of the loaded order: switch to (or select) that parcel. */
  | { readonly kind: 'parcel'; readonly index: number }
  /** Another order's waybill while one is being packed. */
  | { readonly kind: 'other_order' };

/**
 * `printed` (print-after-verify) and `sealed` (verify-preprinted): every parcel of the order was
 * released; the order stays on screen until the next one.
 */
export type Phase = 'idle' | 'awaiting_order' | 'packing' | 'verified' | 'printed' | 'sealed';
export type LabelStatus = 'none' | 'requested' | 'printed' | 'failed';
export type ClearBy = 'resolve' | 'supervisor';
export type BlockScope = 'unit' | 'order';

/** One counted scan. */
export interface CountedUnit {
  /** Index into the task's lines. */
  readonly line: number;
  /** The parcel it was packed in, 1-based. */
  readonly parcel: number;
  readonly units: number;
  readonly code: string;
  readonly batch: string | null;
  /** `{gtin14}/{serial}` for AI 21, the key `duplicate_serial` compares. */
  readonly serial: string | null;
  readonly expiry: string | null;
}

/** A parcel's label: its status and how many times it printed at this station. */
export interface ParcelLabel {
  status: LabelStatus;
  printed: number;
}

/** One parcel of the loaded order, as packed and released. */
export interface ParcelState {
  readonly waybill: string;
  /** When the packer closed it (NEXT PARCEL, another parcel's waybill, or the order completing); null while open or not begun. */
  closedAt: number | null;
  /** Its label: print-after-verify prints it once; in verify-preprinted only a REPRINT prints it here. */
  label: ParcelLabel;
  /** verify-preprinted: when it was sealed. */
  sealedAt: number | null;
  /** The code of the box type the packer scanned for it (absent: none scanned; the rule picks one). */
  box?: string;
}

export interface LoadedOrder {
  /** As scanned: order, task, tote or waybill. */
  readonly ref: OrderRef;
  /** The task as loaded; restoring the session does not need the snapshot to still hold it. */
  readonly task: PackTask;
  /** The station's flow when the order was loaded; a flow changed meanwhile applies to the next order. */
  readonly flow: PackFlow;
  /** Units counted per line, same order as `task.lines`. */
  counted: number[];
  units: CountedUnit[];
  loadedAt: number;
  /** When every line became complete (epoch ms): the label's verification time. */
  verifiedAt: number | null;
  /**
   * The current parcel, 1-based: the one being packed; once the order is verified, the one a
   * REPRINT concerns (NEXT PARCEL or a parcel's waybill selects another).
   */
  parcel: number;
  /** One per parcel of the task (`parcelsOf`), in order. */
  parcels: ParcelState[];
  /** verify-preprinted: the gate reason the seal was last refused for, so one refusal is recorded per reason. */
  sealRefused: PackGateReason | null;
  /** verify-preprinted: a supervisor released the order's `weight_mismatch`; the seal goes without the weight check. */
  weightOverridden?: boolean;
}

/** Why the session is blocked and how it may be cleared. */
export interface Block {
  readonly reason: PackBlockReason;
  /** `unit`: a scanned unit is in the packer's hand; `order`: a hub hold on the whole order. */
  readonly scope: BlockScope;
  readonly clearBy: ClearBy;
  readonly since: number;
  readonly sku: string | null;
  /** The barcode, or the decoder's rejection code. */
  readonly code: string | null;
  readonly detail: string | null;
  /** Order holds: the newest lists no longer hold the order, a supervisor may clear. */
  lifted: boolean;
}

/** The last thing worth telling the packer that is not a block. */
export interface Notice {
  readonly key: NoticeKey;
  readonly params: Readonly<Record<string, string>>;
}

/** The whole session: plain JSON, persisted as is and restored exactly. */
export interface PackSession {
  /** 2 since parcels and flows; a version 1 session is upgraded on restore. */
  readonly v: 2;
  readonly station: string;
  packer: string | null;
  phase: Phase;
  awaiting: { ref: OrderRef; since: number } | null;
  order: LoadedOrder | null;
  block: Block | null;
  notice: Notice | null;
  /** Serial keys of units in printed orders, oldest first, at most `policy.serialMemory`. */
  shippedSerials: string[];
  /**
   * The put-aside menu is open: `$PG:ASIDE` (or the screen's button) asked for a reason. Closed by
   * the next scan or act, and whenever no order is loaded; absent when closed.
   */
  asideMenu?: true;
  /**
   * `$PG:WITHDRAW` was scanned: the next scan is the waybill of a parcel taken out at the bench
   * (an intercept), or CANCEL. Ended by that scan or any other act; absent when not armed.
   */
  withdrawing?: true;
}
