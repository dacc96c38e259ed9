import type { Channel, DomainCommand } from '../../hub/domain/schemas.js';
import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import { NEXT_PARCEL_CARD } from './demo-packer-moves.js';
import type { PackerPlan, PlannedOrder, PlannedParcel } from './demo-plan.js';
import { demoPrintData } from './demo-print-data.js';

/** A product of the demo shop: its master SKU, its barcodes and how the channels spell it. */
const PRODUCTS = {
  dress: {
    sku: 'DRESS-RED-M',
    ean: '4006381333931',
    case: '14006381333938',
    channel: { taobao: 'DRESS-2026-RED-M', pinduoduo: 'PDD26R001', douyin: 'DY-RED-M-2601', kuaishou: 'KS-DRESS-RED-M' },
  },
  shoes: { sku: 'BABY-SH-01', ean: '6901234567892', channel: { taobao: 'TB-BABY-SH-01', pinduoduo: 'PDD-BABY-SH-01', douyin: 'DY-BABY-SH-001', kuaishou: 'KS-BABY-SH-01' } },
  socks: { sku: 'SOCK-01', ean: '5901234123457', channel: { taobao: 'TB-SOCK-01', pinduoduo: 'PDD-SOCK-01', douyin: 'DY-SOCK-01', kuaishou: 'KS-SOCK-01' } },
  book: { sku: 'BOOK-01', ean: '9780201379624', channel: { taobao: 'TB-BOOK-01', pinduoduo: 'PDD-BOOK-01', douyin: 'DY-BOOK-01', kuaishou: 'KS-BOOK-01' } },
  hat: { sku: 'HAT-01', ean: '6901234567908', channel: { taobao: 'TB-HAT-01', pinduoduo: 'PDD-HAT-01', douyin: 'DY-HAT-01', kuaishou: 'KS-HAT-01' } },
  hatBeige: { sku: 'HAT-02', ean: '6901234567915', channel: {} },
} as const;
type Product = keyof typeof PRODUCTS;
type Sold = Exclude<Product, 'hatBeige'>;
/** The channels in turn: Kuaishou one order in seven. */
const CHANNEL_TURNS: readonly Channel[] = ['taobao', 'pinduoduo', 'douyin', 'taobao', 'pinduoduo', 'douyin', 'kuaishou'];
/** Each channel's order number prefix, and its e-waybills' print program and carrier prefix. */
const CHANNEL_INFO: Readonly<Record<Channel, { readonly order: string; readonly platform: WaybillPlatform; readonly carrier: string }>> = {
  taobao: { order: 'TB', platform: 'cainiao', carrier: 'YT' },
  pinduoduo: { order: 'PDD', platform: 'pdd', carrier: 'ZT' },
  douyin: { order: 'DY', platform: 'douyin', carrier: 'JT' },
  kuaishou: { order: 'KS', platform: 'kuaishou', carrier: 'YD' },
};
/** The seller's own carrier contract: its waybills need no print program, the station prints ZPL. */
const OWN_CONTRACT_CARRIER = 'SF';
const BASKETS: ReadonlyArray<ReadonlyArray<[Sold, number]>> = [
  [['dress', 2], ['shoes', 1]],
  [['socks', 3]],
  [['dress', 1]],
  [['shoes', 1], ['socks', 1]],
];
const NAMES = ['王芳', '李雷', '张伟', '刘洋', '陈静'];
/** Orders (by number at each station) that also carry a hat: few, so the mapping change holds few. */
const HAT_ORDERS = new Set([12, 16]);
/** Every fourth order (the fourth first) ships on the seller's own contract: no print data, a ZPL label. */
const isOwnContract = (n: number) => n % 4 === 3;
/**
 * The order (by number at each station) shipped in two parcels (一单多包) on a waybill and its
 * child waybill: the dresses in one box, the shoes and socks in the other.
 */
export const DEMO_MULTI_PARCEL_ORDER = 4;
const MULTI_PARCEL_BASKET: ReadonlyArray<[Sold, number]> = [
  ['dress', 2],
  ['shoes', 1],
  ['socks', 1],
];

/**
 * The mapping change the demo stages: a channel row of the hat, which few orders carry,
 * changed to another master SKU (the shift goes on while the change waits for a person).
 */
export const DEMO_MAPPING_CHANGE = {
  channel: 'douyin',
  channelSku: PRODUCTS.hat.channel.douyin,
  from: PRODUCTS.hat.sku,
  to: PRODUCTS.hatBeige.sku,
} as const satisfies { channel: Channel; channelSku: string; from: string; to: string };

/** The hub's seed and each station's packing plan for one demo run. */
export interface DemoShift {
  readonly commands: DomainCommand[];
  readonly plans: Record<string, PackerPlan>;
}

/** The print programs a bench needs for its plan, in a stable order. */
export function planPlatforms(plan: PackerPlan): WaybillPlatform[] {
  const used = new Set(plan.orders.flatMap((order) => order.parcels.flatMap((parcel) => parcel.platform ?? [])));
  return Object.values(CHANNEL_INFO).flatMap((info) => (used.has(info.platform) ? [info.platform] : []));
}

/**
 * A seeded shift: the catalog (barcodes, a case of six dresses), channel mappings, stock, and
 * `ordersPerStation` orders for each station, which its simulated packer packs: badge, then per
 * order its label and its units — a GS1 scan with lot and expiry now and then, a hat in a few,
 * and every fifth order (the second one first) a wrong item scanned before the right ones.
 * Taobao, Pinduoduo, Douyin and (one in seven) Kuaishou orders ship on their platform's
 * e-waybill with (fake) print data; every fourth order ships on the seller's own contract, with
 * none (a ZPL label); order {@link DEMO_MULTI_PARCEL_ORDER} ships in two parcels.
 * `run` keeps order numbers unique when a kept `--data` folder already holds an earlier run's orders.
 */
export function demoShift(stations: readonly string[], run: string, ordersPerStation = 150): DemoShift {
  const commands: DomainCommand[] = [];
  for (const product of Object.values(PRODUCTS)) {
    const barcodes = [{ code: product.ean, multiplier: 1 }, ...('case' in product ? [{ code: product.case, multiplier: 6 }] : [])];
    commands.push({ type: 'setCatalogItem', masterSku: product.sku, barcodes });
    commands.push({ type: 'setOnHand', sku: product.sku, quantity: 100_000 });
    for (const [channel, channelSku] of Object.entries(product.channel) as Array<[Channel, string]>) {
      commands.push({ type: 'setMapping', channel, channelSku, masterSku: product.sku });
    }
  }
  const plans: Record<string, PackerPlan> = {};
  stations.forEach((station, s) => {
    const orders: PlannedOrder[] = [];
    for (let n = 0; n < ordersPerStation; n += 1) {
      const { command, order } = shiftOrder(run, s, n);
      commands.push(command);
      orders.push(order);
    }
    plans[station] = { badge: `PACKER-${String(s + 1).padStart(2, '0')}`, orders };
  });
  return { commands, plans };
}

/** Order `n` of station number `s`: the hub's `createOrder` and the packer's plan for it. */
function shiftOrder(run: string, s: number, n: number): { command: DomainCommand; order: PlannedOrder } {
  const channel = CHANNEL_TURNS[n % CHANNEL_TURNS.length]!;
  const info = CHANNEL_INFO[channel];
  const number = `${run}${s}${String(n).padStart(4, '0')}`;
  const multiParcel = n === DEMO_MULTI_PARCEL_ORDER;
  const basket: ReadonlyArray<[Sold, number]> = multiParcel
    ? MULTI_PARCEL_BASKET
    : [...BASKETS[(n + s) % BASKETS.length]!, ...(HAT_ORDERS.has(n) ? [['hat', 1] as [Sold, number]] : [])];
  const platform = isOwnContract(n) ? undefined : info.platform;
  const waybill = `${platform ? info.carrier : OWN_CONTRACT_CARRIER}${number}`;
  const parcels: PlannedParcel[] = (multiParcel ? [waybill, `${waybill}-2`] : [waybill]).map((parcel) => (platform ? { waybill: parcel, platform } : { waybill: parcel }));
  const name = NAMES[n % NAMES.length]!;
  const phone = `1380000${String(1000 + n).slice(-4)}`;
  const command: DomainCommand = {
    type: 'createOrder',
    channel,
    orderNo: `${info.order}${number}`,
    waybill,
    // A platform's e-waybill order reaches the seller with the buyer masked; its print data holds the buyer, encrypted.
    label: platform
      ? { name: `${name.slice(0, 1)}*`, phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, address: '上海市浦东新区***' }
      : { name, phone, address: '上海市浦东新区世纪大道 100 号' },
    lines: basket.map(([product, quantity]) => ({ channelSku: PRODUCTS[product].channel[channel], quantity })),
    ...((platform || multiParcel) && {
      parcels: parcels.map((parcel) => (parcel.platform ? { waybill: parcel.waybill, print: demoPrintData(parcel.platform, parcel.waybill) } : { waybill: parcel.waybill })),
    }),
  };
  const scans: string[] = n % 5 === 1 ? [PRODUCTS.book.ean] : [];
  for (const [line, [product, quantity]] of basket.entries()) {
    // The order of two parcels: its first line in the first box, NEXT PARCEL, the rest in the second.
    if (multiParcel && line === 1) scans.push(NEXT_PARCEL_CARD);
    for (let unit = 0; unit < quantity; unit += 1) {
      scans.push(product === 'shoes' && unit === 0 && n % 3 === 0 ? '(01)06901234567892(17)301231(10)LOT42' : PRODUCTS[product].ean);
    }
  }
  return { command, order: { orderNo: command.orderNo, scans, parcels } };
}
