import type { FastifyInstance } from 'fastify';

/** The longest error answer whose code is read: every envelope the hub makes is far shorter. */
const MAX_READ_CHARS = 4096;

/**
 * Every answer of 400 or more the HTTP API sends, counted by its envelope's `error.code`
 * (`packgate_http_refusals_total`): bodies too large or too deep, imports over a limit, logins
 * refused. Read from the serialized answer, so a route's own `reply.status(…).send` counts too.
 */
export class HttpRefusals {
  readonly #counts: Record<string, number> = {};

  /** Counts so far, per code (a copy). */
  counts(): Record<string, number> {
    return { ...this.#counts };
  }

  /** Adds the `onSend` hook that counts. */
  register(app: FastifyInstance): void {
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode >= 400) this.#count(codeOf(payload) ?? `HTTP_${reply.statusCode}`);
      return payload;
    });
  }

  #count(code: string): void {
    this.#counts[code] = (this.#counts[code] ?? 0) + 1;
  }
}

function codeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || payload.length > MAX_READ_CHARS) return undefined;
  try {
    const code: unknown = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
