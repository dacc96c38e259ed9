/**
 * The pack session's vocabularies: the wire contract of protocol/pack-events.ts, kept apart
 * from the schemas so that a station loads them without TypeBox. Adding a value is a change here.
 */

/** Verdicts that block the session until a logged act clears them. */
export const PACK_BLOCK_REASONS = [
  'wrong_item',
  'over_quantity',
  'unknown_barcode',
  'unreadable',
  'tracking_missing',
  'frozen_stock',
  'expired',
  'duplicate_serial',
  'order_stopped',
  'mapping_pending',
  'weight_mismatch',
] as const;
export type PackBlockReason = (typeof PACK_BLOCK_REASONS)[number];

/** Product scans that were not judged against an order: nothing was counted and nothing blocked. */
export const PACK_SCAN_REFUSALS = ['no_packer', 'no_order', 'while_blocked'] as const;
export type PackScanRefusal = (typeof PACK_SCAN_REFUSALS)[number];

/**
 * The one verdict every product scan (and every scan that does not decode) gets. `box`: the
 * barcode of one of the site's box types, taken as the current parcel's box (nothing counted).
 */
export const PACK_VERDICTS = ['counted', 'box', ...PACK_BLOCK_REASONS, ...PACK_SCAN_REFUSALS] as const;
export type PackVerdict = (typeof PACK_VERDICTS)[number];

/** How a parcel's box was known for the weight check: scanned, picked by the unit-count rule, or the station's default weight. */
export const PACK_BOX_SOURCES = ['scan', 'rule', 'default'] as const;
export type PackBoxSource = (typeof PACK_BOX_SOURCES)[number];

/** How a released parcel's weight check ended: within tolerance, released by a supervisor, or not checked (a unit weight unknown). */
export const PACK_WEIGHT_CHECKS = ['passed', 'overridden', 'unchecked'] as const;
export type PackWeightCheck = (typeof PACK_WEIGHT_CHECKS)[number];

/** At most this many box types per site (the hub sends them all with every task). */
export const MAX_BOX_TYPES = 50;

/** Acts a person or a device performs on the session (cards, screen, printer, hub answers). */
export const PACK_ACTS = [
  'badge',
  'supervisor',
  'resolve',
  'cancel',
  'aside',
  'reprint',
  'order',
  'sign_out',
  'task_received',
  'task_unavailable',
  'label_requested',
  'label_printed',
  'label_failed',
  /** `$PG:PARCEL` (NEXT PARCEL), or a parcel's waybill scanned while its order is open (verify-preprinted). */
  'parcel',
  /** `$PG:WITHDRAW` then a parcel's waybill: an intercepted parcel taken out at the bench. */
  'withdraw',
] as const;
export type PackAct = (typeof PACK_ACTS)[number];

/** Why an act was refused; the session is unchanged. */
export const PACK_ACT_REFUSALS = [
  'no_packer',
  'no_order',
  'blocked',
  'order_in_progress',
  'same_order',
  'nothing_to_clear',
  'needs_supervisor',
  'still_held',
  'clear_block_first',
  'already_printed',
  'not_awaiting',
  'invalid_task',
  'not_signed_in',
  'label_in_progress',
  'no_label_requested',
  /** NEXT PARCEL while the parcel being packed holds no unit: a parcel is never closed empty. */
  'parcel_empty',
  /** NEXT PARCEL on an order's last open parcel: the order has no more parcels. */
  'no_more_parcels',
  /** The waybill of the parcel already being packed. */
  'same_parcel',
  /** The waybill of a parcel already closed: a closed parcel is not opened again. */
  'parcel_closed',
  /** Put aside once a parcel is sealed. */
  'already_sealed',
  /** A label asked for in the verify-preprinted flow, where labels are printed before picking: REPRINT replaces one. */
  'label_preprinted',
  /** WITHDRAW then a waybill of no task the station holds. */
  'waybill_not_found',
  /** WITHDRAW then the waybill of a parcel whose order the newest stop and freeze lists do not hold: it may ship. */
  'not_intercepted',
  /** WITHDRAW then a scan that is no waybill (a product, a card, an unreadable scan). */
  'not_a_waybill',
] as const;
export type PackActRefusal = (typeof PACK_ACT_REFUSALS)[number];

/** Fixed reasons for putting an order aside: the reason cards `$PG:ASIDE:<REASON>` (upper case) and the screen's menu. */
export const PACK_ASIDE_REASONS = ['short_pick', 'damaged', 'wrong_pick', 'label_problem', 'other'] as const;
export type PackAsideReason = (typeof PACK_ASIDE_REASONS)[number];

/** Why the release gate refused a label print or a seal (invariant 1). */
export const PACK_GATE_REASONS = [
  'no_order',
  'no_packer',
  'not_verified',
  'counts_mismatch',
  'blocked',
  'order_stopped',
  'frozen_stock',
  'no_stop_list',
  'no_freeze_list',
  'hub_silent',
  /** A parcel of the order holds no unit (every unit went into fewer parcels than the order has). */
  'parcel_empty',
  /** The site requires weighing and the station's scale is missing, failed or not configured. */
  'scale_not_ready',
  /** The site requires weighing and the scale shows no stable weight of a parcel yet. */
  'awaiting_weight',
] as const;
export type PackGateReason = (typeof PACK_GATE_REASONS)[number];

/**
 * How a station releases a verified order (`packgate station --flow`): print each parcel's label
 * (`print-after-verify`, the default), or seal each parcel whose label was printed before picking
 * (`verify-preprinted`, 打单拣货 then 验货).
 */
export const PACK_FLOWS = ['print-after-verify', 'verify-preprinted'] as const;
export type PackFlow = (typeof PACK_FLOWS)[number];

export const PACK_SIGN_OUT_REASONS = ['screen', 'idle', 'shift_end'] as const;
export type PackSignOutReason = (typeof PACK_SIGN_OUT_REASONS)[number];

export const MAX_PACK_RAW_BYTES = 4096;

/**
 * The weight check's tolerance, set per site at the hub (`packgate hub --weight-tolerance-grams`,
 * `--weight-tolerance-percent`) and sent to the stations on `policy`: a parcel passes when it is
 * off by at most the larger of `grams` and `percent` of what it should weigh.
 */
export interface WeightTolerance {
  /** Grams either way, whatever the parcel weighs. */
  readonly grams: number;
  /** Percent of the expected weight either way. */
  readonly percent: number;
}

/**
 * The default: max(20 g, 3 %). 20 g covers a bench scale's division and a label's or tape's
 * weight on a light parcel; 3 % covers the spread of cartons and fill on a heavy one while a
 * missing unit of 3 % or more of the parcel still shows.
 */
export const DEFAULT_WEIGHT_TOLERANCE: WeightTolerance = { grams: 20, percent: 3 };

/** Whether two tolerances are the same (an absent one is the same only as another absent one). */
export function sameTolerance(a: WeightTolerance | null | undefined, b: WeightTolerance | null | undefined): boolean {
  return a?.grams === b?.grams && a?.percent === b?.percent;
}

/** The widest tolerance a site may set: past 5 kg or half the parcel the check checks nothing. */
export const MAX_WEIGHT_TOLERANCE: WeightTolerance = { grams: 5000, percent: 50 };
