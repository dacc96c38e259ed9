import type { FastifySchema, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

const MAX_ERRORS = 5;

/**
 * Request validation for the API routes with TypeBox (the schemas' own validator) instead of
 * fastify's default Ajv, whose `removeAdditional: true` would silently drop a field a client
 * misspelt (`skus` for `sku` would freeze a whole order) and whose `coerceTypes` would turn a
 * body's `"3"` into 3. A body must match exactly; only path and query strings, which cannot
 * carry anything but text, are converted, and only when the text is exactly a number or
 * boolean (`"5"` → 5, `"true"` → true; `"1.5"` stays text and fails an integer).
 *
 * A missing body is validated as `{}`, so a route whose body fields are all optional (a note)
 * needs no body, and a route with required fields names the ones missing.
 */
export const typeboxValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema as TSchema);
  const convert = httpPart === 'querystring' || httpPart === 'params';
  const properties = propertiesOf(schema);
  return (data: unknown) => {
    let value = data === null && httpPart === 'body' ? {} : data;
    if (convert) value = convertStrings(value, properties);
    if (validator.Check(value)) return { value };
    return { error: readableErrors(validator.Errors(value)) };
  };
};

type PropertySchemas = Readonly<Record<string, { type?: unknown }>>;

function propertiesOf(schema: unknown): PropertySchemas {
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? (properties as PropertySchemas) : {};
}

/** Path and query values are strings; a flat object's integer, number and boolean fields are read strictly. */
function convertStrings(value: unknown, properties: PropertySchemas): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const converted: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, raw] of Object.entries(converted)) {
    const type = Object.hasOwn(properties, name) ? properties[name]?.type : undefined;
    if (typeof raw !== 'string') continue;
    if ((type === 'integer' && /^-?\d{1,15}$/.test(raw)) || (type === 'number' && /^-?\d+(\.\d+)?$/.test(raw))) {
      converted[name] = Number(raw);
    } else if (type === 'boolean' && (raw === 'true' || raw === 'false')) {
      converted[name] = raw === 'true';
    }
  }
  return converted;
}

/**
 * TypeBox's errors are Ajv-shaped, so fastify formats them as `body/lines/0/quantity must be >= 1`.
 * An unknown property yields "schema is false" at its path and "must not have additional
 * properties" at its parent; one line saying `body/skus is not allowed` says both.
 */
function readableErrors(errors: readonly FastifySchemaValidationError[]): FastifySchemaValidationError[] {
  const readable: FastifySchemaValidationError[] = [];
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') continue;
    if (error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties')) {
      readable.push({ ...error, keyword: 'additionalProperties', message: 'is not allowed' });
    } else {
      readable.push(error);
    }
  }
  return (readable.length > 0 ? readable : [...errors]).slice(0, MAX_ERRORS);
}
