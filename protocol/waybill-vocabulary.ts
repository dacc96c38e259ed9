/**
 * The platforms' electronic waybills (电子面单), without the schemas: which print programs
 * exist and the size bounds of their print data. A station loads this without TypeBox;
 * protocol/waybill.ts holds the schemas. Adding a platform is a change here.
 */

/** The platforms whose print programs (打印组件) packgate drives, as `--printer` spells them. */
export const WAYBILL_PLATFORMS = ['cainiao', 'pdd', 'douyin', 'kuaishou'] as const;
export type WaybillPlatform = (typeof WAYBILL_PLATFORMS)[number];

/** The most bytes one parcel's print data may take as JSON (the platform's encrypted payload is a few KB). */
export const MAX_PRINT_DATA_BYTES = 16 * 1024;

/** The most parcels (包裹) one order may ship in. */
export const MAX_PARCELS = 10;

/** The most documents' contents (e.g. waybill template + custom area) one parcel's print data may hold. */
export const MAX_PRINT_CONTENTS = 8;
