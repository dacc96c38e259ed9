import type { FastifyError, FastifyInstance } from 'fastify';
import Type from 'typebox';
import { createLogger } from '../../common/log.js';

const log = createLogger('hub.api');

/** Every error response: `{error: {code, message}}`. */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

/** Fastify's own client errors, under codes of ours that will not change with fastify's. */
const FASTIFY_CLIENT_ERRORS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

/** One error handler: client errors keep their code; anything unexpected is a plain 500. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.validation) {
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: err.message } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      log.error({ err, url: request.url }, 'request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
    }
    const code = err.code?.startsWith('FST_') ? (FASTIFY_CLIENT_ERRORS[err.code] ?? 'BAD_REQUEST') : (err.code ?? 'BAD_REQUEST');
    return reply.status(status).send({ error: { code, message: err.message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
  );
}
