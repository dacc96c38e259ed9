import { MAX_LINE_ATTRIBUTES, PAYLOAD_VERSION, type HubCommand, type OrderRefPayload, type PackTaskPayload, type StationEvent, type WaybillPrintData } from '../../protocol/index.js';
import { boxTypes } from '../domain/boxes.js';
import { catalogItem } from '../domain/catalog.js';
import { orderOfWaybill, taskOfOrder } from '../domain/orders.js';
import { getOwn, isFinished, type Order, type Task } from '../domain/state.js';
import type { Immutable, ReadonlyDomainState } from '../domain/tx.js';
import type { CatalogItem } from '../domain/model.js';

type Found = { task: Immutable<Task> } | { reason: 'not_found' | 'ambiguous' | 'not_released' };

/** The order's task, or why there is none. */
function taskOf(state: ReadonlyDomainState, order: Immutable<Order> | undefined): Found {
  if (!order) return { reason: 'not_found' };
  const task = taskOfOrder(state, order.id);
  return task ? { task } : { reason: 'not_released' };
}

/**
 * The task a scanned label names: a task id, a parcel's waybill (any parcel's, through the
 * waybill index), or a channel order number (or else a waybill); hub tasks have no totes.
 */
function findTask(state: ReadonlyDomainState, ref: OrderRefPayload): Found {
  switch (ref.type) {
    case 'task': {
      const task = getOwn(state.tasks, ref.id) ?? getOwn(state.tasks, ref.id.toUpperCase());
      return task ? { task } : { reason: 'not_found' };
    }
    case 'tote':
      return { reason: 'not_found' };
    case 'waybill':
      return taskOf(state, orderOfWaybill(state, ref.id));
    case 'order': {
      // Station codes come back upper case from the decoder (docs/barcodes.md): compare so.
      const id = ref.id.toUpperCase();
      const orders = Object.values(state.orders).filter((order) => order.orderNo.toUpperCase() === id);
      const live = orders.filter((order) => order.status !== 'cancelled');
      const candidates = live.length > 0 ? live : orders;
      if (candidates.length > 1) return { reason: 'ambiguous' };
      return candidates[0] ? taskOf(state, candidates[0]) : taskOf(state, orderOfWaybill(state, ref.id));
    }
  }
}

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

/**
 * A finished platform order: its print data is gone, so no task is sent that a station could
 * only print on the wrong backend (a cancelled one is sent: its stop-list entry blocks it).
 */
function finishedPlatformOrder(state: ReadonlyDomainState, task: Immutable<Task>): boolean {
  return isFinished(task) && !task.cancelled && (getOwn(state.orders, task.orderId)?.parcels.some((parcel) => parcel.platform !== undefined) ?? false);
}

/**
 * The hub's answer to a station's `pack.order_requested`: the task for the label it scanned
 * (a cancelled one too: its stop-list entry blocks it at the station), or why there is none.
 * Pure; undefined for any other event. `id` names the stored record it answers.
 */
export function taskAnswer(state: ReadonlyDomainState, event: StationEvent, recordSeq: number): HubCommand | undefined {
  const body = event.body;
  if (body.type !== 'pack.order_requested') return undefined;
  const header = { v: PAYLOAD_VERSION, id: `${recordSeq}.task`, at: new Date().toISOString(), ref: body.ref } as const;
  const found = findTask(state, body.ref);
  if ('task' in found && finishedPlatformOrder(state, found.task)) return { ...header, type: 'task-unavailable', reason: 'finished' };
  const task = 'task' in found ? packTaskOf(state, found.task) : undefined;
  if (task) return { ...header, type: 'task', task };
  return { ...header, type: 'task-unavailable', reason: 'reason' in found ? found.reason : 'not_found' };
}
