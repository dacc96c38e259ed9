import { PACK_ASIDE_REASONS, type PackAsideReason } from '../../protocol/pack-vocabulary.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ControlCode, OrderRef } from './types.js';

/**
 * The prefix of every station card and order/task/tote label. `$` is outside GS1 character
 * set 82 (and CSET 39 and 64), and no GS1 scan starts with it, so it cannot be a product
 * barcode; see docs/barcodes.md. Matched without regard to case (Caps Lock on a wedge).
 */
export const CONTROL_PREFIX = '$PG:';

const COMMANDS: ReadonlyMap<string, 'cancel' | 'resolve' | 'reprint' | 'aside' | 'parcel' | 'close' | 'withdraw'> = new Map([
  ['CANCEL', 'cancel'],
  ['RESOLVE', 'resolve'],
  ['REPRINT', 'reprint'],
  ['ASIDE', 'aside'],
  ['PARCEL', 'parcel'],
  ['CLOSE', 'close'],
  ['WITHDRAW', 'withdraw'],
]);
type StationCode = { control: ControlCode } | { order: OrderRef };

const WITH_ID: ReadonlyMap<string, (id: string) => StationCode> = new Map([
  ['BADGE', (badge: string): StationCode => ({ control: { command: 'packer-badge', badge } })],
  ['SUP', (badge: string): StationCode => ({ control: { command: 'supervisor-badge', badge } })],
  ['ORDER', (id: string): StationCode => ({ order: { type: 'order', id } })],
  ['TASK', (id: string): StationCode => ({ order: { type: 'task', id } })],
  ['TOTE', (id: string): StationCode => ({ order: { type: 'tote', id } })],
  // Carrier codes are lower case at the hub (`sf-express`); the card is read in any case.
  ['CARRIER', (code: string): StationCode => ({ control: { command: 'carrier', carrier: code.toLowerCase() } })],
]);

/** Badge, order, task and tote identifiers: 1–64 of A–Z, 0–9, `.`, `_`, `/`, `-`, starting alphanumeric. */
const ID = /^[A-Z0-9][A-Z0-9._/-]{0,63}$/;

/** True when the scan starts with the control prefix (any case). */
export function hasControlPrefix(data: string): boolean {
  return data.slice(0, CONTROL_PREFIX.length).toUpperCase() === CONTROL_PREFIX;
}

/**
 * Reads `$PG:VERB[:ARG]`. Verbs and arguments are case-insensitive and come back upper
 * case: a card scanned with Caps Lock on still works.
 */
export function parseControl(data: string): StationCode | Rejection {
  const parts = data.slice(CONTROL_PREFIX.length).toUpperCase().split(':');
  const verb = parts[0] ?? '';
  const args = parts.slice(1);
  if (verb === 'ASIDE' && args.length > 0) return asideCard(args);
  const command = COMMANDS.get(verb);
  if (command) {
    if (args.length > 0) return reject(ScanRejection.BadControlCode, `${CONTROL_PREFIX}${verb} takes no argument`);
    return { control: { command } };
  }
  const build = WITH_ID.get(verb);
  if (!build) return reject(ScanRejection.UnknownControlCode, `unknown station code "${verb}"`);
  const [id] = args;
  if (args.length !== 1 || id === undefined || !ID.test(id)) {
    return reject(ScanRejection.BadControlCode, `${CONTROL_PREFIX}${verb} needs one identifier of A–Z, 0–9, . _ / -`);
  }
  return build(id);
}

/** `$PG:ASIDE:<REASON>`: a put-aside reason card, its reason one of `PACK_ASIDE_REASONS` upper case (`SHORT_PICK`). */
function asideCard(args: readonly string[]): StationCode | Rejection {
  const reason = args.length === 1 ? PACK_ASIDE_REASONS.find((known) => known.toUpperCase() === args[0]) : undefined;
  if (!reason) {
    return reject(ScanRejection.BadControlCode, `${CONTROL_PREFIX}ASIDE takes one reason of ${PACK_ASIDE_REASONS.map((known) => known.toUpperCase()).join(', ')}`);
  }
  return { control: { command: 'aside', reason } };
}

/** The card that puts an order aside with `reason`, as docs/barcodes.md lists it. */
export function asideCardCode(reason: PackAsideReason): string {
  return `${CONTROL_PREFIX}ASIDE:${reason.toUpperCase()}`;
}
