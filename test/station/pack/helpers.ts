import { Compile } from 'typebox/compile';
import { expect } from 'vitest';
import { PackEventBody } from '../../../protocol/pack-events.js';
import {
  createSession,
  indexTasks,
  packPolicy,
  scanInput,
  step,
  type PackContext,
  type PackEvent,
  type PackEventOf,
  type PackEventType,
  type PackInput,
  type PackSession,
  type PackTask,
  type StepResult,
} from '../../../station/pack/index.js';

export const GS = '\u001d';
/** The barcode tests' "today": 2026-11-22. */
export const NOW = Date.parse('2026-11-22T10:00:00Z');
export const STATION = 'ST-07';

/** Real GTINs (valid check digits) and the codes the fixtures use. */
export const CODES = {
  dressEan: '4006381333931',
  dressCase: '14006381333938',
  dressInternal: 'INT-DRESS-M',
  dressIsbnViaMapping: '9780201379624',
  earbudsGtin: '09506000134352',
  sockEan: '5901234123457',
  babyEan: '6901234567892',
  unknownEan: '8712345678906',
} as const;

/** GS1-128 for the earbuds: AI 01, optional 17 (YYMMDD) and 10 (lot), and 21 (serial). */
export function earbuds(serial: string | null, options: { lot?: string; expiry?: string } = {}): string {
  let data = `]C101${CODES.earbudsGtin}`;
  if (options.expiry !== undefined) data += `17${options.expiry}`;
  if (options.lot !== undefined) data += `10${options.lot}${serial === null ? '' : GS}`;
  if (serial !== null) data += `21${serial}`;
  return data;
}

export const TASK: PackTask = {
  taskId: 'T17',
  orderId: 'taobao:880001',
  orderNo: '880001',
  channel: 'taobao',
  waybill: 'SF1234567890',
  tote: 'TOTE-04',
  label: { name: '王芳', phone: '13800000000', address: '上海市浦东新区世纪大道100号' },
  lines: [
    {
      masterSku: 'DRESS-2026-RED-M',
      quantity: 7,
      barcodes: [
        { code: CODES.dressEan, multiplier: 1 },
        { code: CODES.dressCase, multiplier: 6 },
        { code: CODES.dressInternal, multiplier: 1 },
      ],
    },
    { masterSku: 'BT-001', quantity: 2, barcodes: [{ code: CODES.earbudsGtin, multiplier: 1 }], tracking: { serial: true } },
  ],
};

/** A one-line order for the sock, with a batch requirement. */
export const SOCK_TASK: PackTask = {
  taskId: 'T18',
  orderId: 'douyin:DY-5501',
  orderNo: 'DY-5501',
  channel: 'douyin',
  waybill: 'YT9988776655',
  label: { name: 'Li Lei', phone: '13900000000', address: '北京市朝阳区建国路1号' },
  lines: [{ masterSku: 'SOCK-01', quantity: 1, barcodes: [{ code: CODES.sockEan, multiplier: 1 }] }],
};

/** An order in two parcels (一单多包): two dresses and a sock, a waybill per parcel. */
export const TWO_PARCELS: PackTask = {
  taskId: 'T30',
  orderId: 'pdd:PDD-7001',
  orderNo: 'PDD-7001',
  channel: 'pdd',
  waybill: 'YT3000000001',
  label: { name: '张伟', phone: '13700000000', address: '广州市天河区体育西路1号' },
  lines: [
    { masterSku: 'DRESS-2026-RED-M', quantity: 2, barcodes: [{ code: CODES.dressEan, multiplier: 1 }] },
    { masterSku: 'SOCK-01', quantity: 1, barcodes: [{ code: CODES.sockEan, multiplier: 1 }] },
  ],
  parcels: [{ waybill: 'YT3000000001' }, { waybill: 'YT3000000002' }],
};

/** A station context: the three tasks held, mapping v42, empty lists v1, hub heard just now. */
export function context(overrides: Partial<PackContext> = {}): PackContext {
  return {
    now: NOW,
    tasks: indexTasks([TASK, SOCK_TASK, TWO_PARCELS]),
    mapping: {
      version: 42,
      barcodes: {
        '05901234123457': { masterSku: 'SOCK-01' },
        '06901234567892': { masterSku: 'BABY-SH-01' },
        '09780201379624': { masterSku: 'DRESS-2026-RED-M' },
      },
    },
    stopList: { version: 1, entries: [] },
    freezeList: { version: 1, entries: [] },
    pendingSkus: [],
    link: { lastHeardAt: NOW },
    policy: packPolicy(),
    ...overrides,
  };
}

const checkEvent = Compile(PackEventBody);

/** Drives one session step by step, keeping every event and checking each against the wire schema. */
export class Bench {
  state: PackSession;
  ctx: PackContext;
  readonly events: PackEvent[] = [];
  last!: StepResult;

  constructor(ctx: PackContext = context(), state: PackSession = createSession(STATION)) {
    this.ctx = ctx;
    this.state = state;
  }

  input(input: PackInput): StepResult {
    const before = JSON.stringify(this.state);
    this.last = step(this.state, input, this.ctx);
    if (JSON.stringify(this.state) !== before) expect.fail('step changed its input state');
    for (const event of this.last.events) {
      if (!checkEvent.Check(event)) expect.fail(`event fails the schema: ${JSON.stringify([...checkEvent.Errors(event)][0])} in ${JSON.stringify(event)}`);
    }
    this.events.push(...this.last.events);
    this.state = this.last.state;
    return this.last;
  }

  scan(data: string | Uint8Array): StepResult {
    return this.input(scanInput(data, this.ctx.now));
  }

  /** Scans each in turn. */
  scans(...data: string[]): StepResult {
    for (const d of data) this.scan(d);
    return this.last;
  }

  /** Moves the clock (and, unless told otherwise, hears the hub at the new time). */
  advance(ms: number, hubHeard = true): void {
    const now = this.ctx.now + ms;
    this.ctx = { ...this.ctx, now, link: hubHeard ? { lastHeardAt: now } : this.ctx.link };
  }

  with(overrides: Partial<PackContext>): this {
    this.ctx = { ...this.ctx, ...overrides };
    return this;
  }

  /** Event types of the last step. */
  get types(): PackEventType[] {
    return this.last.events.map((e) => e.type);
  }

  /** The last step's event of a type (fails when absent). */
  event<K extends PackEventType>(type: K): PackEventOf<K> {
    const found = this.last.events.find((e): e is PackEventOf<K> => e.type === type);
    if (!found) expect.fail(`no ${type} in ${JSON.stringify(this.types)}`);
    return found;
  }

  /** The verdict of the last step's item scan. */
  get verdict(): string {
    return this.event('pack.verdict').verdict;
  }
}

/** A bench with packer P-001 signed in and TASK loaded by its order label. */
export function packing(ctx: PackContext = context()): Bench {
  const bench = new Bench(ctx);
  bench.scans('$PG:BADGE:P-001', '$PG:ORDER:880001');
  return bench;
}

/** TASK packed in full: 7 dresses (a case and one), two serialised earbuds. */
export function verified(ctx: PackContext = context()): Bench {
  const bench = packing(ctx);
  bench.scans(CODES.dressCase, CODES.dressEan, earbuds('SN-0001'), earbuds('SN-0002'));
  return bench;
}

/** A context for a station in the verify-preprinted flow. */
export function preprinted(overrides: Partial<PackContext> = {}): PackContext {
  return context({ policy: packPolicy({ flow: 'verify-preprinted' }), ...overrides });
}

/** TWO_PARCELS packed in full: a dress in parcel 1; NEXT PARCEL; a dress and the sock in parcel 2. */
export function packedInTwo(ctx: PackContext = context()): Bench {
  const bench = new Bench(ctx);
  bench.scans('$PG:BADGE:P-001', '$PG:TASK:T30', CODES.dressEan, '$PG:PARCEL', CODES.dressEan, CODES.sockEan);
  return bench;
}
