import Type, { type Static } from 'typebox';
import { MAX_PARCELS, MAX_PRINT_CONTENTS, WAYBILL_PLATFORMS } from './waybill-vocabulary.js';

export * from './waybill-vocabulary.js';

const Name = Type.String({ minLength: 1, maxLength: 100 });

/**
 * One parcel's print data for its platform's print program, exactly as the platform's waybill
 * API returned it: opaque to packgate, never decrypted, logged, shown or put on the tablet feed.
 * Each `contents` item is one part of the printed document (`{encryptedData, signature,
 * templateURL, ver}` for an encrypted waybill, `{data, templateURL}` for a plain custom area);
 * packgate passes them to the print program as they are. The whole object is bounded by
 * MAX_PRINT_DATA_BYTES as JSON (checked where it enters: the API).
 */
export const WaybillPrintData = Type.Object(
  {
    platform: Type.Enum(WAYBILL_PLATFORMS),
    /** The print program's document id; the parcel's waybill when absent. */
    documentId: Type.Optional(Name),
    contents: Type.Array(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()), { minItems: 1, maxItems: MAX_PRINT_CONTENTS }),
  },
  { additionalProperties: false },
);
export type WaybillPrintData = Static<typeof WaybillPrintData>;

/**
 * One parcel (包裹) of an order: its waybill (a child waybill where the carrier uses them) and,
 * for a platform order, the print data of that waybill. Without `print`, the station renders
 * its own ZPL label for the parcel.
 */
export const ParcelPayload = Type.Object({ waybill: Name, print: Type.Optional(WaybillPrintData) }, { additionalProperties: false });
export type ParcelPayload = Static<typeof ParcelPayload>;

/** An order's parcels, in packing order; absent means one parcel on the order's waybill. */
export const ParcelsPayload = Type.Array(ParcelPayload, { minItems: 1, maxItems: MAX_PARCELS });
