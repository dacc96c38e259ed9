import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { PackgateError } from '../../../common/errors.js';
import { clipsOfWaybill, pickClip, type StoredClipRecord } from '../../evidence/clips.js';
import { FETCH_ERRORS, type FetchErrorCode } from '../../evidence/fetcher.js';
import { zipStream, type ZipEntry } from '../../evidence/zip.js';
import { getOwn, waybillKey } from '../../domain/state.js';
import { ErrorResponse } from '../errors.js';
import { closed, errorResponses, guarded, Note, SHOWS_CUSTOMERS } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';
import { evidenceOf } from './evidence.js';

const WaybillParams = closed({ waybill: Type.String({ minLength: 1, maxLength: 64, description: "any parcel's waybill; case does not matter" }) });
const FileQuery = closed({ clip: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "a clip's id (default: the newest clip of the waybill with this file)" })) });
const DisputeBody = closed({ manager: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "who decides (default: the token's name)" })), note: Note });
const FILE_ERRORS = { 404: ErrorResponse, 410: ErrorResponse, 502: ErrorResponse, 503: ErrorResponse, 504: ErrorResponse };
const DisputeAnswer = Type.Object({
  waybill: Type.String(),
  disputed: Type.Boolean(),
  stations: Type.Array(Type.String(), { description: 'the stations told to pin (or unpin) its clips now' }),
});

const MEDIA = { video: 'video/mp4', photo: 'image/jpeg' } as const;
const BinaryFile = Type.String({ description: 'the file, binary' });
const binary = (type: string) => ({ content: { [type]: { schema: BinaryFile } } });

/**
 * The evidence's files and disputes (issue #16):
 * `GET /api/v1/evidence/:waybill/clip` and `/photo` stream the file from the hub's verified copy,
 * fetched from the station first if need be, with Range for a video element;
 * `GET /api/v1/evidence/:waybill/export` is one ZIP for an appeal. The clip and photo show the
 * shipping label, which no mask reaches, so these three admit only the reading roles that see
 * customers whole (viewer and dock get 403 FORBIDDEN);
 * `POST /api/v1/evidence/:waybill/dispute` and `/dispute/close` (manager) pin and unpin its clips.
 */
export function registerEvidenceFileRoutes(app: FastifyInstance, services: HubServices): void {
  for (const file of ['video', 'photo'] as const) {
    app.get<{ Params: Static<typeof WaybillParams>; Querystring: Static<typeof FileQuery> }>(
      `/api/v1/evidence/:waybill/${file === 'video' ? 'clip' : 'photo'}`,
      guarded(services, {
        roles: 'viewer',
        needs: SHOWS_CUSTOMERS,
        tag: 'orders',
        summary:
          file === 'video'
            ? "A parcel's packing clip (mp4), checked against its recorded SHA-256; Range supported"
            : "A parcel's photo at its label or seal (JPEG), checked against its recorded SHA-256",
        params: WaybillParams,
        querystring: FileQuery,
        response: { 200: binary(MEDIA[file]), 206: binary(MEDIA[file]), ...errorResponses(404), ...FILE_ERRORS, 416: ErrorResponse },
      }),
      async (request, reply) => {
        const clip = pickClip(clipsOfWaybill(services.history, request.params.waybill), file, request.query.clip);
        if (!clip) return sendError(reply, 404, 'CLIP_NOT_FOUND', `no ${file} recorded for waybill ${request.params.waybill}${request.query.clip ? ` in clip ${request.query.clip}` : ''}`);
        const path = await fetched(services, clip, file, reply);
        if (path === undefined) return reply;
        return sendFile(request, reply, path, clip.record[file]!.bytes, clip.record[file]!.sha256, MEDIA[file]);
      },
    );
  }

  app.get<{ Params: Static<typeof WaybillParams> }>(
    '/api/v1/evidence/:waybill/export',
    guarded(services, {
      roles: 'viewer',
      needs: SHOWS_CUSTOMERS,
      tag: 'orders',
      summary: "A parcel's evidence as one ZIP for an appeal: evidence.json with the hashes, each clip and photo",
      params: WaybillParams,
      response: { 200: binary('application/zip'), ...errorResponses(404, 409), ...FILE_ERRORS },
    }),
    async (request, reply) => {
      const waybill = request.params.waybill;
      const evidence = evidenceOf(services, waybill);
      if (!evidence) return sendError(reply, 404, 'ORDER_NOT_FOUND', `no order or clip with waybill ${waybill}`);
      const entries: ZipEntry[] = [];
      const files: Array<{ name: string; clipId: string; file: 'video' | 'photo'; bytes: number; sha256: string }> = [];
      for (const clip of clipsOfWaybill(services.history, waybill)) {
        for (const file of ['video', 'photo'] as const) {
          const recorded = clip.record[file];
          if (!recorded) continue;
          const path = await fetched(services, clip, file, reply);
          if (path === undefined) return reply;
          const name = `${clip.record.clipId}.${file === 'video' ? 'mp4' : 'jpg'}`;
          entries.push({ name, path });
          files.push({ name, clipId: clip.record.clipId, file, bytes: recorded.bytes, sha256: recorded.sha256 });
        }
      }
      const summary = { exportedAt: new Date().toISOString(), exportedBy: request.principal?.name ?? null, hashAlgorithm: 'SHA-256', files, evidence };
      entries.unshift({ name: 'evidence.json', data: Buffer.from(`${JSON.stringify(summary, null, 2)}\n`) });
      let stream: Awaited<ReturnType<typeof zipStream>>;
      try {
        stream = await zipStream(entries);
      } catch (err) {
        if (err instanceof PackgateError && err.code === 'ZIP_TOO_LARGE') return sendError(reply, 409, err.code, err.message);
        throw err;
      }
      const safe = waybill.replace(/[^A-Za-z0-9_.-]/g, '_');
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="evidence-${safe}.zip"`)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  for (const open of [true, false]) {
    app.post<{ Params: Static<typeof WaybillParams>; Body: Static<typeof DisputeBody> | undefined }>(
      `/api/v1/evidence/:waybill/dispute${open ? '' : '/close'}`,
      guarded(services, {
        roles: 'manager',
        tag: 'orders',
        summary:
          open
            ? 'Mark a waybill disputed (a refund-only or missing-item claim): the station that filmed it pins its clips'
            : "Close a waybill's dispute: its clips are unpinned and age like any other",
        params: WaybillParams,
        body: Type.Union([DisputeBody, Type.Null()]),
        response: { 200: DisputeAnswer, ...errorResponses(404, 409) },
      }),
      async (request, reply) => {
        const { waybill } = request.params;
        const manager = request.body?.manager ?? request.principal?.name ?? 'unknown';
        const note = request.body?.note;
        const result = services.execute({ type: open ? 'disputeWaybill' : 'closeDispute', waybill, manager, ...(note ? { note } : {}) }, requestContext(request));
        if (!result.ok) return sendRejection(reply, result);
        const stations = services.evidence?.disputeChanged(waybill) ?? [];
        return { waybill, disputed: getOwn(result.state.disputes, waybillKey(waybill)) !== undefined, stations };
      },
    );
  }
}

/** The verified file's path, or undefined once the error is sent. */
async function fetched(services: HubServices, clip: StoredClipRecord, file: 'video' | 'photo', reply: FastifyReply): Promise<string | undefined> {
  const recorded = clip.record[file]!;
  if (!services.evidence) {
    sendError(reply, 503, 'STATION_OFFLINE', 'this hub fetches no evidence files');
    return undefined;
  }
  try {
    return await services.evidence.fetcher.file({ station: clip.station, clipId: clip.record.clipId, file, expected: recorded });
  } catch (err) {
    const code = err instanceof PackgateError && Object.hasOwn(FETCH_ERRORS, err.code) ? (err.code as FetchErrorCode) : undefined;
    if (!code) throw err;
    sendError(reply, FETCH_ERRORS[code], code, (err as PackgateError).message);
    return undefined;
  }
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ error: { code, message } });
}

/**
 * A file with `Accept-Ranges`: one `bytes=` range gets 206 and its part (a video element seeks
 * with these), several or a malformed one the whole file, one past the end 416 (RFC 9110 §14).
 * The browser keeps a copy but asks each time (`no-cache`, `Vary: Authorization`): on a shared
 * tablet a token that may not see the file is refused, never served from the cache. The copy it
 * holds is confirmed with 304 (the ETag is the file's SHA-256).
 */
function sendFile(request: FastifyRequest, reply: FastifyReply, path: string, size: number, sha256: string, type: string): FastifyReply {
  const etag = `"${sha256}"`;
  reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'authorization');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const range = parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${size}`).send({ error: { code: 'RANGE_NOT_SATISFIABLE', message: `the file has ${size} bytes` } });
  }
  reply.type(type);
  if (range === undefined) return reply.header('content-length', size).send(createReadStream(path));
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(createReadStream(path, range));
}

/** One byte range of a `Range` header, pure: undefined for none (or one not understood), the whole file is sent. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
