import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { PackgateError } from '../../common/errors.js';
import { diskErrorCode } from '../../common/file-io.js';
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
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'BAD_REQUEST',
};

/** The code of a client error that carries none of ours (a plugin's, a parser's), by its status. */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  411: 'LENGTH_REQUIRED',
  413: 'BODY_TOO_LARGE',
  414: 'URL_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  426: 'UPGRADE_REQUIRED',
  431: 'HEADERS_TOO_LARGE',
};

function clientCode(err: FastifyError, status: number): string {
  if (err.code !== undefined && FASTIFY_CLIENT_ERRORS[err.code]) return FASTIFY_CLIENT_ERRORS[err.code]!;
  if (err instanceof PackgateError) return err.code;
  return CODE_OF_STATUS[status] ?? 'BAD_REQUEST';
}

/** `{error: {code, message}}` as bytes, for answers written on the socket itself. */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** One error handler: client errors keep their code; anything unexpected is a plain 500. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.validation) {
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: err.message } });
    }
    const disk = diskErrorCode(err);
    if (disk !== undefined && err instanceof PackgateError) {
      // The history refused the write (a full disk): nothing was changed; the client may try again later.
      request.log.error({ err, route: request.routeOptions.url ?? null }, 'request refused: the disk refused the history write');
      return reply.status(503).send({ error: { code: err.code, message: `the hub cannot write its history (${disk}); nothing was changed, try again later` } });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err, route: request.routeOptions.url ?? null }, 'request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
    }
    return reply.status(status).send({ error: { code: clientCode(err, status), message: err.message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
  );
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a URL
 * that is not valid percent-encoding, a path parameter too long), in the error envelope.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode ?? 400;
  if (status >= 500) {
    log.error({ err }, 'request failed before routing');
    void reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
    return;
  }
  void reply.status(status).send({ error: { code: clientCode(err, status), message: err.message } });
}

/** Node's HTTP parser errors that get an answer, by its error code; the rest are a 400. */
const PARSER_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', message: 'the request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: 'the request took too long to arrive' },
};

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before fastify sees a request
 * (headers over the size limit, a request line that is not HTTP), answered on the socket in the
 * error envelope, then the connection ended (fastify's default answers in a shape of its own).
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = PARSER_ERRORS[err.code ?? ''] ?? { status: 400, code: 'BAD_REQUEST', message: 'the request is not valid HTTP' };
  const body = errorBody(known.code, known.message);
  if (!socket.writable) {
    socket.destroy(err);
    return;
  }
  // As Node's own default does: the answer, then the end of the connection once it is sent.
  socket.end(
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
