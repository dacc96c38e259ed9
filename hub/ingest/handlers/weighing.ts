import type { DomainCommand } from '../../domain/schemas.js';
import type { BodyOf } from './scope.js';

/**
 * The weighing a label request or a seal reports, as a domain fact, when it is one to learn from:
 * a first label (not a reprint) or the first parcel's seal (the order's parcels were weighed
 * together, and every parcel's event repeats it), with its weight, box and contents, and a check
 * that passed or could not run (a supervisor's override is not a true weight of those units).
 */
export function weighingFact(body: BodyOf<'pack.label_requested' | 'pack.sealed'>, station: string): DomainCommand | undefined {
  if (body.order === null || body.weightGrams === undefined || !body.box || !body.contents?.length) return undefined;
  if (body.weightCheck !== 'passed' && body.weightCheck !== 'unchecked') return undefined;
  if (body.type === 'pack.label_requested' ? body.reprint : body.parcel.index !== 1) return undefined;
  return {
    type: 'recordWeighing',
    station,
    taskId: body.order.taskId,
    grams: body.weightGrams,
    boxGrams: body.box.grams,
    lines: body.contents.map((line) => ({ sku: line.masterSku, quantity: line.units })),
  };
}
