import type { DomainCommand } from '../../hub/domain/schemas.js';

/** A product of the demo shop: its master SKU, its barcodes and how the channels spell it. */
const PRODUCTS = {
  dress: { sku: 'DRESS-RED-M', ean: '4006381333931', case: '14006381333938', channel: { taobao: 'DRESS-2026-RED-M', pinduoduo: 'PDD26R001', douyin: 'DY-RED-M-2601' } },
  shoes: { sku: 'BABY-SH-01', ean: '6901234567892', channel: { taobao: 'TB-BABY-SH-01', pinduoduo: 'PDD-BABY-SH-01', douyin: 'DY-BABY-SH-001' } },
  socks: { sku: 'SOCK-01', ean: '5901234123457', channel: { taobao: 'TB-SOCK-01', pinduoduo: 'PDD-SOCK-01', douyin: 'DY-SOCK-01' } },
  book: { sku: 'BOOK-01', ean: '9780201379624', channel: { taobao: 'TB-BOOK-01', pinduoduo: 'PDD-BOOK-01', douyin: 'DY-BOOK-01' } },
} as const;
type Product = keyof typeof PRODUCTS;
const CHANNELS = ['taobao', 'pinduoduo', 'douyin'] as const;
const BASKETS: ReadonlyArray<ReadonlyArray<[Product, number]>> = [
  [['dress', 2], ['shoes', 1]],
  [['socks', 3]],
  [['dress', 1]],
  [['shoes', 1], ['socks', 1]],
];
const NAMES = ['王芳', '李雷', '张伟', '刘洋', '陈静'];

/** The hub's seed and each station's scans for one demo run. */
export interface DemoShift {
  readonly commands: DomainCommand[];
  readonly scripts: Record<string, string[]>;
}

/**
 * A seeded shift: the catalog (barcodes, a case of six dresses), channel mappings, stock, and
 * `ordersPerStation` orders for each station, which its simulated scanner packs: badge, then per
 * order its label and its units — a GS1 scan with lot and expiry now and then, and every fifth
 * order a wrong item first (blocked, taken out, RESOLVE). `run` keeps order numbers unique when
 * a kept `--data` folder already holds an earlier run's orders.
 */
export function demoShift(stations: readonly string[], run: string, ordersPerStation = 150): DemoShift {
  const commands: DomainCommand[] = [];
  for (const product of Object.values(PRODUCTS)) {
    const barcodes = [{ code: product.ean, multiplier: 1 }, ...('case' in product ? [{ code: product.case, multiplier: 6 }] : [])];
    commands.push({ type: 'setCatalogItem', masterSku: product.sku, barcodes });
    commands.push({ type: 'setOnHand', sku: product.sku, quantity: 100_000 });
    for (const channel of CHANNELS) commands.push({ type: 'setMapping', channel, channelSku: product.channel[channel], masterSku: product.sku });
  }
  const scripts: Record<string, string[]> = {};
  stations.forEach((station, s) => {
    const script = [`$PG:BADGE:PACKER-${String(s + 1).padStart(2, '0')}`];
    for (let n = 0; n < ordersPerStation; n += 1) {
      const channel = CHANNELS[n % CHANNELS.length]!;
      const orderNo = `${channel === 'taobao' ? 'TB' : channel === 'pinduoduo' ? 'PDD' : 'DY'}${run}${s}${String(n).padStart(4, '0')}`;
      const basket = BASKETS[(n + s) % BASKETS.length]!;
      commands.push({
        type: 'createOrder',
        channel,
        orderNo,
        waybill: `SF${run}${s}${String(n).padStart(4, '0')}`,
        label: { name: NAMES[n % NAMES.length]!, phone: `1380000${String(1000 + n).slice(-4)}`, address: '上海市浦东新区世纪大道 100 号' },
        lines: basket.map(([product, quantity]) => ({ channelSku: PRODUCTS[product].channel[channel], quantity })),
      });
      script.push(`$PG:ORDER:${orderNo}`);
      if (n % 5 === 4) script.push(PRODUCTS.book.ean, '$PG:RESOLVE');
      for (const [product, quantity] of basket) {
        for (let unit = 0; unit < quantity; unit += 1) {
          script.push(product === 'shoes' && unit === 0 && n % 3 === 0 ? '(01)06901234567892(17)301231(10)LOT42' : PRODUCTS[product].ean);
        }
      }
    }
    scripts[station] = script;
  });
  return { commands, scripts };
}
