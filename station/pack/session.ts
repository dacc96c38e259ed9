import { aside, onControl, openAsideMenu, signOut } from './acts.js';
import { recheckHolds } from './block.js';
import { onBoxScan, scannedBoxType } from './boxes.js';
import { toDisplay, type Display } from './display.js';
import { refuseAct, type PackEvent, type Turn } from './events.js';
import { isJudged, onItemScan, onUnreadable } from './items.js';
import { onLabelFailed, onLabelPrinted, requestLabel } from './label.js';
import { onOrderScan, onTaskReceived, onTaskUnavailable, onTick } from './orders.js';
import { onParcelWaybill } from './parcels.js';
import { scanRecord } from './scan.js';
import { settleSeal } from './seal.js';
import type { PackContext, PackInput, PackSession } from './types.js';
import { readWaybill } from './waybill.js';
import { reweighAndRelease } from './weighing.js';
import { onWithdrawScan } from './withdraw.js';

/** Inputs that are the packer's: each closes the put-aside menu (and `$PG:ASIDE` opens it again). */
const ACTS: ReadonlySet<PackInput['type']> = new Set(['scan', 'sign_out', 'aside', 'aside_menu']);

/** What one input did: the next session, the events to journal and send, and the screen. */
export interface StepResult {
  readonly state: PackSession;
  readonly events: readonly PackEvent[];
  readonly display: Display;
}

/** A fresh session for a station: nobody signed in, no order. */
export function createSession(station: string): PackSession {
  return { v: 2, station, packer: null, phase: 'idle', awaiting: null, order: null, block: null, notice: null, shippedSerials: [] };
}

const labelAgain = (turn: Turn): void => requestLabel(turn, 'label_requested');

function dispatch(turn: Turn): void {
  const { input, waybill } = turn;
  switch (input.type) {
    case 'scan': {
      if (waybill?.kind === 'open') return onOrderScan(turn, waybill.ref);
      if (waybill?.kind === 'parcel') return onParcelWaybill(turn, waybill.index);
      if (waybill?.kind === 'other_order') return refuseAct(turn, 'order', 'order_in_progress');
      const result = input.result;
      if (!result.ok) return onUnreadable(turn, result);
      const scan = result.scan;
      if (scan.kind === 'control') return onControl(turn, scan.control);
      if (scan.kind === 'order') return onOrderScan(turn, scan.order);
      const box = scannedBoxType(turn, scan);
      if (box) {
        if (onBoxScan(turn, box) === 'recorded') reweighAndRelease(turn, labelAgain);
        return;
      }
      return onItemScan(turn, scan);
    }
    case 'tick':
      return onTick(turn);
    case 'lists_updated':
      return;
    case 'task_received':
      return onTaskReceived(turn, input.task);
    case 'task_unavailable':
      return onTaskUnavailable(turn, input.ref);
    case 'sign_out':
      return signOut(turn, input.reason);
    case 'aside':
      return aside(turn, input.reason);
    case 'aside_menu':
      return input.open ? openAsideMenu(turn) : undefined;
    case 'label_requested':
      return requestLabel(turn, 'label_requested');
    case 'reweighed':
      return reweighAndRelease(turn, labelAgain);
    case 'label_printed':
      return onLabelPrinted(turn, input.parcel);
    case 'label_failed':
      return onLabelFailed(turn, input.reason, input.parcel);
  }
}

/**
 * Applies one input to the session. Pure: `state` is not changed, nothing is done; the caller
 * persists `state`, journals and sends `events`, shows `display`.
 *
 * Before the input itself, the newest stop and freeze lists in `context` are applied to the
 * loaded order, so a stop or freeze blocks the session at the very next input (the agent sends
 * `lists_updated` when they change). An item scan that is judged makes that check its verdict.
 * After it, an order of the verify-preprinted flow that is verified is sealed if the release
 * gate is open (see `settleSeal`).
 */
export function step(state: PackSession, input: PackInput, context: PackContext): StepResult {
  const turn: Turn = {
    s: structuredClone(state),
    ctx: context,
    input,
    scan: input.type === 'scan' ? scanRecord(input) : undefined,
    waybill: readWaybill(state, input, context),
    events: [],
  };
  // A withdrawal's scan is the parcel taken out, whatever it reads as: never judged as a unit.
  const withdrawing = state.withdrawing === true && input.type === 'scan';
  if (withdrawing || !isJudged(turn)) recheckHolds(turn);
  // The put-aside menu and a withdrawal wait for the packer's next scan or act, not for the clock or the printer.
  if (ACTS.has(input.type)) {
    delete turn.s.asideMenu;
    delete turn.s.withdrawing;
  }
  if (withdrawing) onWithdrawScan(turn);
  else dispatch(turn);
  if (!turn.s.order) delete turn.s.asideMenu;
  settleSeal(turn);
  return { state: turn.s, events: turn.events, display: toDisplay(turn.s, context) };
}

/** The screen for a session without an input (a redraw as the clock moves). */
export function display(state: PackSession, context: PackContext): Display {
  return toDisplay(state, context);
}
