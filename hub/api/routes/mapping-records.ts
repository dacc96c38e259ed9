import Type from 'typebox';
import { buildNearMissIndex, suggestNearMisses, type NearMiss, type NearMissIndex } from '../../domain/catalog/index.js';
import { CHANNELS, type MappingRow } from '../../domain/index.js';
import type { Applied } from '../../domain/apply.js';
import { MappingRow as MappingRowSchema, PendingTemplate } from '../../domain/model.js';

/*
 * Response schemas and helpers shared by the mapping routes (mappings, breaker, insight, import
 * and export, templates).
 */

export const Time = Type.String({ description: 'ISO 8601 instant' });
export const Channel = Type.Enum(CHANNELS);

/** A mapping row and a pending template change as the API shows them: the domain's records, every field. */
export const MappingRowRecord = MappingRowSchema;
export const PendingTemplateRecord = PendingTemplate;

/** A row of a sheet or table as the catalog functions give it back (the channel as text). */
export const RowRecord = Type.Object({ channel: Type.String(), channelSku: Type.String(), masterSku: Type.String() });

/** Two rows nearly the same code in one channel (`diffMappings`, an import plan). */
export const NearDuplicateRecord = Type.Object({
  row: RowRecord,
  similar: RowRecord,
  distance: Type.Integer({ description: '0: the same after normalising; else edits apart' }),
  sameMaster: Type.Boolean({ description: 'false: one of the two rows is probably wrong' }),
});

export const Suggestion = Type.Object({
  channelSku: Type.String(),
  masterSku: Type.String(),
  distance: Type.Integer({ description: 'edits between the normalised codes; 0: the same after normalising' }),
  kind: Type.Enum(['normalised', 'edit']),
});

/** The order ids a command released (`order.released` events), in order. */
export function releasedOrders(applied: Applied): string[] {
  return applied.events.flatMap((event) => (event.type === 'order.released' ? [event.orderId] : []));
}

// One index per mappings object: the domain state is copy-on-write, so the object changes
// exactly when a row does, and the index (100-250 ms for 100,000 rows) is built once per version.
const indexes = new WeakMap<object, NearMissIndex>();

/** The near-miss index of a mapping table, built at its first use and kept while the table lives. */
export function nearMissIndexOf(mappings: Readonly<Record<string, MappingRow>>): NearMissIndex {
  let index = indexes.get(mappings);
  if (!index) {
    index = buildNearMissIndex(Object.values(mappings));
    indexes.set(mappings, index);
  }
  return index;
}

/** Near-miss suggestions for a code, as the API shows them. */
export function suggestionsFor(
  mappings: Readonly<Record<string, MappingRow>>,
  code: string,
  options: { channel?: string; limit?: number },
): Array<Pick<NearMiss, 'channelSku' | 'masterSku' | 'distance' | 'kind'>> {
  return suggestNearMisses(nearMissIndexOf(mappings), code, options).map(({ channelSku, masterSku, distance, kind }) => ({
    channelSku,
    masterSku,
    distance,
    kind,
  }));
}
