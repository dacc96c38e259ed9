import { MAX_LINE_ATTRIBUTES, type PackTaskPayload, type WaybillPrintData } from '../../protocol/index.js';
import { boxTypes } from '../domain/boxes.js';
import { catalogItem } from '../domain/catalog/items.js';
import { getOwn, type Task } from '../domain/state.js';
import type { Immutable, ReadonlyDomainState } from '../domain/tx.js';
import type { CatalogItem } from '../domain/model.js';

type PackLine = PackTaskPayload['lines'][number];

/**
 * What the packer sees of a catalog item beside its master SKU: its name, its brand, category and
 * first six attributes (in that order, values as text; `MAX_LINE_ATTRIBUTES`), and its picture. Look-alikes are what scanning catches.
 */
export function itemLooks(item: Immutable<CatalogItem>): Pick<PackLine, 'name' | 'attributes' | 'imageUrl'> {
  const given = item.attributes;
  const attributes = given
    ? [
        { name: 'brand', value: given.brand },
        { name: 'category', value: given.category },
        ...Object.entries(given.attributes ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      ].slice(0, MAX_LINE_ATTRIBUTES)
    : [];
  return {
    ...(item.name ? { name: { ...item.name } } : {}),
    ...(attributes.length > 0 ? { attributes } : {}),
    ...(item.imageUrl === undefined ? {} : { imageUrl: item.imageUrl }),
  };
}

/**
 * The task as stations pack it: the order's label data and parcels (with the print data the hub
 * still holds), per line the catalog's barcodes, tracking and unit weight, and the site's box types.
 */
export function packTaskOf(state: ReadonlyDomainState, task: Immutable<Task>): PackTaskPayload | undefined {
  const order = getOwn(state.orders, task.orderId);
  if (!order) return undefined;
  return {
    taskId: task.id,
    orderId: order.id,
    orderNo: order.orderNo,
    channel: order.channel,
    waybill: order.waybill,
    label: { name: order.label.name, phone: order.label.phone, address: order.label.address },
    lines: task.lines.map((line) => {
      const item = catalogItem(state, line.sku);
      return {
        masterSku: line.sku,
        quantity: line.quantity,
        barcodes: (item?.barcodes ?? []).map(({ code, multiplier }) => ({ code, multiplier })),
        ...(item?.tracking ? { tracking: { ...item.tracking } } : {}),
        ...(item?.unitWeightGrams === undefined ? {} : { unitWeightGrams: item.unitWeightGrams }),
        ...(item ? itemLooks(item) : {}),
      };
    }),
    parcels: order.parcels.map((parcel) => ({ waybill: parcel.waybill, ...(parcel.print ? { print: structuredClone(parcel.print) as WaybillPrintData } : {}) })),
    ...withBoxes(state),
  };
}

/** The site's box types as the task carries them; nothing while the site has none (a station then uses its `--box-grams`). */
function withBoxes(state: ReadonlyDomainState): Pick<PackTaskPayload, 'boxes'> {
  const boxes = boxTypes(state).map(({ code, grams, maxUnits }) => ({ code, grams, ...(maxUnits === undefined ? {} : { maxUnits }) }));
  return boxes.length === 0 ? {} : { boxes };
}
