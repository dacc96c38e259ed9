/**
 * The dock's vocabularies (issue #14, `packgate station --mode dock`), apart from the schemas
 * (protocol/dock.ts) so the station's pure dock logic and its screen load them without TypeBox.
 * The refusal codes are the hub's own (hub/domain/errors.ts): a station and the hub judge a dock
 * scan with the same words. See docs/pack-session.md, "Dock mode".
 */

/** Why a waybill scanned at the dock must not go into the batch; the hub's codes for the same checks. */
export const DOCK_REFUSALS = [
  'WAYBILL_NOT_FOUND',
  'PARCEL_INTERCEPTED',
  'PARCEL_NOT_PACKED',
  'PARCEL_HANDED_OVER',
  'PARCEL_IN_BATCH',
  'CARRIER_MISMATCH',
  /** The station's own: a waybill scanned while no batch is open. */
  'NO_BATCH',
  /** The station's own: the batch holds DOCK_BATCH_MAX parcels already. */
  'BATCH_FULL',
] as const;
export type DockRefusal = (typeof DOCK_REFUSALS)[number];

/** What the station made of a waybill scanned at the dock. */
export const DOCK_VERDICTS = ['accepted', ...DOCK_REFUSALS] as const;
export type DockVerdict = (typeof DOCK_VERDICTS)[number];

/** The most parcels one handover batch holds at the station: its close event lists them all inside a station payload's 64 KiB. */
export const DOCK_BATCH_MAX = 500;

/** How long a parcel handed over stays in the dock manifest, so a second scan of it says PARCEL_HANDED_OVER. */
export const DOCK_MANIFEST_HANDED_OVER_MS = 24 * 60 * 60 * 1000;

/** How a block at the dock was cleared: the parcel scanned out on the withdraw card, or a supervisor's badge. */
export const DOCK_CLEARS = ['withdrawn', 'supervisor'] as const;
export type DockClear = (typeof DOCK_CLEARS)[number];
