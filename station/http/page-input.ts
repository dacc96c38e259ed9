import { PACK_ASIDE_REASONS, type PackAsideReason } from '../../protocol/pack-vocabulary.js';

/**
 * What the packer may do by tapping the screen: the put-aside menu (open it, close it, choose a
 * reason), and at the dock choose a carrier. Everything else is done by scanning; a tap is the
 * same input as its card.
 */
export type PageInput =
  | { readonly type: 'aside'; readonly reason: PackAsideReason }
  | { readonly type: 'aside_menu'; readonly open: boolean }
  /** A dock station's screen: a carrier chosen to open a batch for (as on a `$PG:CARRIER:` card). */
  | { readonly type: 'carrier'; readonly carrier: string };

/** A carrier code chosen on the dock screen: as on a `$PG:CARRIER:` card, lower case. */
const CARRIER = /^[a-z0-9][a-z0-9._/-]{0,63}$/;

/** Why a message from the page was not taken; counted and logged, the page is not told. */
export type PageInputRefusal = 'SCREEN_BAD_INPUT' | 'SCREEN_FOREIGN_ORIGIN';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one message the page sent (JSON text, already bounded by the socket's payload limit); pure. */
export function readPageInput(text: string): PageInput | { readonly refused: PageInputRefusal } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { refused: 'SCREEN_BAD_INPUT' };
  }
  if (!isRecord(value)) return { refused: 'SCREEN_BAD_INPUT' };
  const keys = Object.keys(value).sort().join(',');
  if (value.type === 'aside' && keys === 'reason,type') {
    const reason = PACK_ASIDE_REASONS.find((known) => known === value.reason);
    return reason ? { type: 'aside', reason } : { refused: 'SCREEN_BAD_INPUT' };
  }
  if (value.type === 'aside_menu' && keys === 'open,type' && typeof value.open === 'boolean') return { type: 'aside_menu', open: value.open };
  if (value.type === 'carrier' && keys === 'carrier,type' && typeof value.carrier === 'string' && CARRIER.test(value.carrier)) return { type: 'carrier', carrier: value.carrier };
  return { refused: 'SCREEN_BAD_INPUT' };
}

/**
 * Whether a page may act: one the station served itself (its `Origin` is the `Host` it asked),
 * or a client that is not a browser (no `Origin`). Any other web page the packer's browser has
 * open could otherwise put orders aside through the station's socket.
 */
export function mayAct(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
