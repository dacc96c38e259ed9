import type { EvidenceClipBody } from '../../../protocol/evidence.js';
import { waybillKey } from '../../domain/state.js';
import type { BodyOf, EventScope } from './scope.js';

/** A clip record's index keys: each of its waybills (as the domain's waybill index spells them) and its task. */
export function evidenceKeys(body: EvidenceClipBody): string[] {
  return [...new Set(body.waybills.map((waybill) => `waybill:${waybillKey(waybill)}`)), `task:${body.taskId}`];
}

/** A clip stored: if it names a disputed waybill, its station is told to pin it. */
export function handleEvidenceClip(body: BodyOf<'evidence.clip'>, on: EventScope): void {
  on.hooks.evidence.clipStored(on.event.station, body);
}
