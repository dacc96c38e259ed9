import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { checkedParser, type PayloadParser } from './wire.js';

/**
 * A parser for one payload schema (see {@link checkedParser}): the schema compiled by TypeBox,
 * and a refusal that names the first field in error.
 */
export function payloadParser<S extends TSchema>(schema: S, options: { maxBytes?: number } = {}): PayloadParser<Static<S>> {
  const validator = Compile(schema);
  const explain = (value: unknown) => {
    const first = validator.Errors(value)[0];
    return `${first?.instancePath || '/'}: ${first?.message ?? 'does not match the schema'}`;
  };
  return checkedParser((value): value is Static<S> => validator.Check(value), explain, options);
}
