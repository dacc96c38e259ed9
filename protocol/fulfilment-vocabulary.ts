/**
 * The fulfilment vocabularies: carrier events, fulfilment nodes and dock handover refusals,
 * kept apart from the schemas (protocol/carrier-events.ts) so a station or the tablet loads
 * them without TypeBox. Adding a value is a change here. See docs/domain.md ("Fulfilment nodes").
 */

/** What a carrier's tracking reports of a parcel: collected (揽收), moving, signed for (签收), or a problem. */
export const CARRIER_EVENT_TYPES = ['carrier.picked_up', 'carrier.in_transit', 'carrier.delivered', 'carrier.exception'] as const;
export type CarrierEventType = (typeof CARRIER_EVENT_TYPES)[number];

/**
 * The nodes an order passes on its way out, in order. `labelled` is reached when every parcel
 * is labelled or sealed (the pre-printed flow), `handed-over` when every parcel left in a dock
 * handover batch (交接), `picked-up` when the carrier collected it (揽收), `delivered` when it
 * was signed for (签收).
 */
export const FULFILMENT_NODES = ['released', 'verified', 'labelled', 'handed-over', 'picked-up', 'delivered'] as const;
export type FulfilmentNode = (typeof FULFILMENT_NODES)[number];

/** The nodes an order can be stuck at, each with its patrol limit (docs/domain.md, "The patrol"). */
export const STUCK_NODES = ['released', 'labelled', 'handed-over'] as const;
export type StuckNode = (typeof STUCK_NODES)[number];

/** The most events one carrier tracking push may carry. */
export const MAX_CARRIER_PUSH_EVENTS = 500;

/** The most bytes a carrier tracking push body may take. */
export const MAX_CARRIER_PUSH_BYTES = 512 * 1024;

/** The carrier event type a node is reached by, if a carrier event reaches it. */
export const NODE_OF_CARRIER_EVENT: Readonly<Record<CarrierEventType, FulfilmentNode | undefined>> = {
  'carrier.picked_up': 'picked-up',
  'carrier.in_transit': undefined,
  'carrier.delivered': 'delivered',
  'carrier.exception': undefined,
};

export function isCarrierEventType(type: string): type is CarrierEventType {
  return (CARRIER_EVENT_TYPES as readonly string[]).includes(type);
}
