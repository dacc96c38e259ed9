import type { FastifyError, FastifyInstance } from 'fastify';
import Type from 'typebox';
import { createLogger } from '../../common/log.js';

const log = createLogger('hub.api');

/** Every error response: `{error: {code, message}}`. */
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

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
    return reply.status(status).send({ error: { code: err.code ?? 'BAD_REQUEST', message: err.message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
  );
}
