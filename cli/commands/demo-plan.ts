import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';

/** A parcel of a planned order: its waybill, and the platform whose print program prints its label (none: ZPL). */
export interface PlannedParcel {
  readonly waybill: string;
  readonly platform?: WaybillPlatform;
}

/**
 * One order as a simulated packer works it: its label, then each scan of its units (a wrong one
 * first now and then; NEXT PARCEL between the parcels of an order of several).
 */
export interface PlannedOrder {
  readonly orderNo: string;
  readonly scans: readonly string[];
  /** Its parcels in packing order, as the hub was given them. */
  readonly parcels: readonly PlannedParcel[];
}

/** What one simulated packer does in the shift: sign in with the badge, then pack the orders in turn. */
export interface PackerPlan {
  readonly badge: string;
  readonly orders: readonly PlannedOrder[];
}
