import { MAX_SEQ } from '../../protocol/index.js';

/** `Incarnation` of protocol/schemas.ts, for a refused payload's. */
const INCARNATION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The `seq` (and incarnation) of a refused event payload, if it has a usable one, so that it can be acked. */
export function refusedSequence(payload: string): { seq: number; incarnation?: string } | undefined {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== 'object' || value === null || !('seq' in value)) return undefined;
    if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 1 || (value.seq as number) > MAX_SEQ) return undefined;
    const incarnation = 'incarnation' in value && typeof value.incarnation === 'string' && INCARNATION.test(value.incarnation) ? value.incarnation : undefined;
    return { seq: value.seq as number, ...(incarnation === undefined ? {} : { incarnation }) };
  } catch {
    return undefined;
  }
}
