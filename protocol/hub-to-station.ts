import * as generated from './generated/hub-to-station.js';
import type { FreezeListPayload, HubCommand, MappingDeltaPayload, MappingSnapshotPayload, SitePolicyPayload, StopListPayload } from './lists.js';
import type { DockManifestPayload } from './dock.js';
import type { HubAck, HubState } from './schemas.js';
import { checkedParser, MAX_PAYLOAD_BYTES, MAX_TASK_COMMAND_BYTES, PayloadRejection, type PayloadCheck, type PayloadParser } from './wire.js';

/**
 * The full schema check of every payload a station reads from the hub, generated from the
 * schemas by protocol/codegen/hub-to-station.ts: a station loads these instead of TypeBox,
 * which alone would take about 13 MB of its resident memory.
 */
export const hubToStationChecks = {
  HubAck: generated.HubAck as PayloadCheck<HubAck>,
  HubCommand: generated.HubCommand as PayloadCheck<HubCommand>,
  HubState: generated.HubState as PayloadCheck<HubState>,
  StopListPayload: generated.StopListPayload as PayloadCheck<StopListPayload>,
  FreezeListPayload: generated.FreezeListPayload as PayloadCheck<FreezeListPayload>,
  MappingSnapshotPayload: generated.MappingSnapshotPayload as PayloadCheck<MappingSnapshotPayload>,
  MappingDeltaPayload: generated.MappingDeltaPayload as PayloadCheck<MappingDeltaPayload>,
  SitePolicyPayload: generated.SitePolicyPayload as PayloadCheck<SitePolicyPayload>,
  DockManifestPayload: generated.DockManifestPayload as PayloadCheck<DockManifestPayload>,
};

type Checks = typeof hubToStationChecks;
type Checked<K extends keyof Checks> = Checks[K] extends PayloadCheck<infer T> ? T : never;

/**
 * A parser for one payload from the hub. A refusal names the schema, not the field: the
 * generated check says only yes or no (the hub, which has TypeBox, names the field).
 * `HubCommand` reads a `task` command up to MAX_TASK_COMMAND_BYTES (it carries the parcels'
 * print data) and any other command up to MAX_PAYLOAD_BYTES, unless `maxBytes` says otherwise.
 */
export function hubPayloadParser<K extends keyof Checks>(name: K, options: { maxBytes?: number } = {}): PayloadParser<Checked<K>> {
  const check = hubToStationChecks[name] as PayloadCheck<Checked<K>>;
  const explain = () => `does not match the ${name} schema`;
  if (name !== 'HubCommand' || options.maxBytes !== undefined) return checkedParser(check, explain, options);
  const parser = checkedParser(check, explain, { maxBytes: MAX_TASK_COMMAND_BYTES });
  return {
    parse(payload) {
      const parsed = parser.parse(payload);
      const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
      if (!parsed.ok || size <= MAX_PAYLOAD_BYTES || (parsed.value as HubCommand).type === 'task') return parsed;
      return { ok: false, code: PayloadRejection.TooLarge, message: `payload of ${size} bytes exceeds ${MAX_PAYLOAD_BYTES}` };
    },
    encode: parser.encode,
  };
}
