import type { FastifyInstance } from 'fastify';
import { PackgateError } from '../../common/errors.js';
import { MAX_JSON_DEPTH, jsonDeeperThan } from '../../protocol/json-depth.js';

/** A JSON body nested deeper than MAX_JSON_DEPTH: answered 400 before it is parsed. */
export const JSON_TOO_DEEP = 'JSON_TOO_DEEP';

/**
 * Fastify's own JSON body parser (prototype poisoning refused, as by default) behind a depth
 * check: a body nested thousands deep used to reach the parser's prototype scan and the schema
 * check, and ran them out of stack (a 500). The check is one pass over the text.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDeeperThan(text)) {
      const err = Object.assign(new PackgateError(JSON_TOO_DEEP, `the body nests deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 });
      done(err, undefined);
      return;
    }
    parse(request, text, done);
  });
}
