import type { CommandContext } from '../../hub/domain/audit.js';
import type { DomainCommand } from '../../hub/domain/schemas.js';
import type { Hub } from '../../hub/hub.js';
import type { StationAgent } from '../../station/agent.js';
import type { PrintTiming } from '../../station/agent/labels.js';

/** Print-queue timings for tests: ask the printer often, settle quickly. */
export const FAST_PRINTING: PrintTiming = { pollMs: 50, idlePollMs: 500, settleMs: 300, statusTimeoutMs: 1000, sendTimeoutMs: 2000 };
/** Print-program queue timings for tests: quick reconnects and retries, results within seconds. */
export const FAST_PROGRAM = { replyTimeoutMs: 2000, resultTimeoutMs: 3000, pollMs: 200, retryMinMs: 100, retryMaxMs: 500, reconnectMinMs: 50, reconnectMaxMs: 300 } as const;

/** Real barcodes (valid check digits) of the seeded products. */
export const BARCODES = { dress: '4006381333931', dressCase: '14006381333938', baby: '6901234567892', sock: '5901234123457', book: '9780201379624' } as const;

/**
 * Resolves once `predicate` holds for the agent, checked at every change the agent reports (a
 * step, the link, a list, a device; at least once a second). Rejects after `timeoutMs`, naming `what`.
 */
export function until(agent: StationAgent, predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      stop();
      resolve();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}; session ${JSON.stringify(agent.driver.session).slice(0, 600)}`));
    }, timeoutMs);
    const unsubscribe = agent.onUpdate(check);
    const stop = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    check();
  });
}

/** Applies hub commands as a manager; throws on a refusal. */
export function run(hub: Hub, ...commands: DomainCommand[]): void {
  const context: CommandContext = { now: new Date(), actor: { kind: 'token', id: 'tok-test', name: 'test manager' } };
  for (const command of commands) {
    const result = hub.execute(command, context);
    if (!result.ok) throw new Error(`${command.type}: ${result.code} ${result.message}`);
  }
}

/**
 * A catalog (dress with its case of six, baby shoes, socks, a book nobody orders) with Taobao
 * mappings, and orders: `TB{n}` of 2 dresses and 1 pair of baby shoes for each n given.
 */
export function seedShop(hub: Hub, orderNos: readonly string[]): void {
  run(
    hub,
    { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: BARCODES.dress, multiplier: 1 }, { code: BARCODES.dressCase, multiplier: 6 }] },
    { type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BARCODES.baby, multiplier: 1 }] },
    { type: 'setCatalogItem', masterSku: 'SOCK-01', barcodes: [{ code: BARCODES.sock, multiplier: 1 }] },
    { type: 'setCatalogItem', masterSku: 'BOOK-01', barcodes: [{ code: BARCODES.book, multiplier: 1 }] },
    { type: 'setMapping', channel: 'taobao', channelSku: 'DRESS-2026-RED-M', masterSku: 'DRESS-RED-M' },
    { type: 'setMapping', channel: 'taobao', channelSku: 'BABY-SH-001', masterSku: 'BABY-SH-01' },
  );
  for (const orderNo of orderNos) {
    run(hub, {
      type: 'createOrder',
      channel: 'taobao',
      orderNo,
      waybill: `SF${orderNo}`,
      label: { name: '王芳', phone: '13800001234', address: '上海市浦东新区世纪大道 100 号' },
      lines: [
        { channelSku: 'DRESS-2026-RED-M', quantity: 2 },
        { channelSku: 'BABY-SH-001', quantity: 1 },
      ],
    });
  }
}
