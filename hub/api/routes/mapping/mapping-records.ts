import Type from 'typebox';
import { CHANNELS } from '../../../domain/index.js';
import type { Applied } from '../../../domain/apply.js';
import { MappingRow as MappingRowSchema, PendingTemplate } from '../../../domain/model.js';

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
