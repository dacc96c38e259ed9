import type { FastifyInstance, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { HandoverBatch } from '../../domain/model.js';
import { CloseHandover, getOwn, HandoverScan, OpenHandover, WithdrawParcel, type CommandOf } from '../../domain/index.js';
import { DEFAULT_HANDOVER_LIMIT, handoverPage, MAX_HANDOVER_LIMIT } from '../../domain/handover-list.js';
import type { ExecuteResult } from '../../control/domain-store.js';
import { handoverSheet, sheetZpl } from '../../dock/sheet.js';
import { sheetPdf } from '../../dock/sheet-pdf.js';
import { closed, errorResponses, eventOf, guarded, NoQuery } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

const { batchId: _scanBatch, ...ScanBody } = HandoverScan.properties;
const { batchId: _closeBatch, ...CloseBody } = CloseHandover.properties;
const BatchParams = closed({ batchId: HandoverScan.properties.batchId });
const ListQuery = closed({
  open: Type.Optional(Type.Boolean({ description: '`true`: only open batches, `false`: only closed ones (default: every batch)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_HANDOVER_LIMIT, description: `the newest this many; default ${DEFAULT_HANDOVER_LIMIT}` })),
  before: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'a batch id: only batches opened before it (the `before` of the previous page)' })),
});
const ListAnswer = Type.Object({
  batches: Type.Array(HandoverBatch, { description: 'oldest first' }),
  before: Type.Union([Type.String(), Type.Null()], { description: 'pass as `before` for the next older page; null when none is older' }),
});
const BatchAnswer = Type.Object({ batch: HandoverBatch });
const SHEET_TYPES = { zpl: 'text/plain; charset=utf-8', pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const SheetFile = Type.String({ description: 'the sheet file' });
const SheetQuery = closed({ format: Type.Optional(Type.Enum(['zpl', 'pdf', 'xlsx'], { description: 'default zpl' })) });

type Body<T extends keyof typeof BODIES> = Static<(typeof BODIES)[T]>;
const BODIES = { open: OpenHandover, scan: closed(ScanBody), close: closed(CloseBody), withdraw: WithdrawParcel };

/**
 * Dock handover batches (交接): `GET /api/v1/handovers[?open=&limit=&before=]` and `GET …/:batchId`
 * (viewer); `POST /api/v1/handovers` opens one, `…/:batchId/scans` scans a waybill in,
 * `…/:batchId/close` closes it and hands its parcels over, `POST /api/v1/withdrawals` takes a
 * parcel out (dock, and so manager). A refused scan answers with its code: PARCEL_INTERCEPTED and the others
 * in docs/api.md.
 */
export function registerHandoverRoutes(app: FastifyInstance, services: HubServices): void {
  const answer = (reply: FastifyReply, result: ExecuteResult, batchId: string, status: 200 | 201 = 200) => {
    if (!result.ok) return sendRejection(reply, result);
    return reply.status(status).send({ batch: getOwn(result.state.handovers, batchId) });
  };

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/v1/handovers',
    guarded(services, {
      roles: 'viewer',
      tag: 'dock',
      summary: 'Dock handover batches, oldest first, a page at a time from the newest',
      querystring: ListQuery,
      response: { 200: ListAnswer, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const { open, limit = DEFAULT_HANDOVER_LIMIT, before } = request.query;
      const page = handoverPage(services.domain.state, { ...(open === undefined ? {} : { open }), limit, ...(before === undefined ? {} : { before }) });
      if (!page.ok) return sendRejection(reply, { ok: false, code: 'HANDOVER_NOT_FOUND', message: `no handover batch ${page.before} to page before` });
      return { batches: page.batches, before: page.before };
    },
  );

  app.get<{ Params: Static<typeof BatchParams> }>(
    '/api/v1/handovers/:batchId',
    guarded(services, {
      roles: 'viewer',
      tag: 'dock',
      summary: 'One handover batch with its parcels',
      params: BatchParams,
      querystring: NoQuery,
      response: { 200: BatchAnswer, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const batch = getOwn(services.domain.state.handovers, request.params.batchId);
      if (!batch) return sendRejection(reply, { ok: false, code: 'HANDOVER_NOT_FOUND', message: `no handover batch ${request.params.batchId}` });
      return { batch };
    },
  );

  app.get<{ Params: Static<typeof BatchParams>; Querystring: Static<typeof SheetQuery> }>(
    '/api/v1/handovers/:batchId/sheet',
    guarded(services, {
      roles: 'viewer',
      tag: 'dock',
      summary: 'The handover sheet (交接单): ZPL for the dock printer, PDF or xlsx; the batch id as a barcode, one line per parcel',
      params: BatchParams,
      querystring: SheetQuery,
      response: {
        200: { content: Object.fromEntries(Object.values(SHEET_TYPES).map((type) => [type.split(';')[0]!, { schema: SheetFile }])) },
        ...errorResponses(404),
      },
    }),
    async (request, reply) => {
      const batch = getOwn(services.domain.state.handovers, request.params.batchId);
      if (!batch) return sendRejection(reply, { ok: false, code: 'HANDOVER_NOT_FOUND', message: `no handover batch ${request.params.batchId}` });
      const format = request.query.format ?? 'zpl';
      const sheet = handoverSheet(batch);
      // exceljs is loaded only when a workbook is asked for.
      const body =
        format === 'zpl' ? sheetZpl(sheet) : format === 'pdf' ? Buffer.from(sheetPdf(sheet)) : Buffer.from(await (await import('../../dock/sheet-xlsx.js')).sheetXlsx(sheet));
      return reply
        .header('content-type', SHEET_TYPES[format])
        .header('content-disposition', `attachment; filename="handover-${batch.id}.${format}"`)
        .send(body);
    },
  );

  app.post<{ Body: Body<'open'> }>(
    '/api/v1/handovers',
    guarded(services, {
      roles: 'dock',
      tag: 'dock',
      summary: 'Open a handover batch for a carrier',
      body: BODIES.open,
      response: { 201: BatchAnswer, ...errorResponses(409) },
    }),
    async (request, reply) => {
      const result = services.execute({ type: 'openHandover', ...request.body }, requestContext(request));
      return answer(reply, result, result.ok ? eventOf(result, 'handover.opened')!.batchId : '', 201);
    },
  );

  app.post<{ Params: Static<typeof BatchParams>; Body: Body<'scan'> }>(
    '/api/v1/handovers/:batchId/scans',
    guarded(services, {
      roles: 'dock',
      tag: 'dock',
      summary: 'Scan a parcel into an open batch: refused with its reason (the intercept: PARCEL_INTERCEPTED)',
      params: BatchParams,
      body: BODIES.scan,
      response: { 201: BatchAnswer, ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const command: CommandOf<'handoverScan'> = { type: 'handoverScan', batchId: request.params.batchId, ...request.body };
      return answer(reply, services.execute(command, requestContext(request)), request.params.batchId, 201);
    },
  );

  app.post<{ Params: Static<typeof BatchParams>; Body: Body<'close'> }>(
    '/api/v1/handovers/:batchId/close',
    guarded(services, {
      roles: 'dock',
      tag: 'dock',
      summary: 'Close a batch: count, time and operator; every parcel in it is handed over',
      params: BatchParams,
      body: BODIES.close,
      response: { 200: BatchAnswer, ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const command: CommandOf<'closeHandover'> = { type: 'closeHandover', batchId: request.params.batchId, ...request.body };
      return answer(reply, services.execute(command, requestContext(request)), request.params.batchId);
    },
  );

  app.post<{ Body: Body<'withdraw'> }>(
    '/api/v1/withdrawals',
    guarded(services, {
      roles: 'dock',
      tag: 'dock',
      summary: 'Take a parcel out (at the dock or the bench): out of its open batch; closes its intercept alert',
      body: BODIES.withdraw,
      response: { 201: Type.Object({ orderId: Type.String(), waybill: Type.String(), batchId: Type.Optional(Type.String()) }), ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const result = services.execute({ type: 'withdrawParcel', ...request.body }, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      const { orderId, waybill, batchId } = eventOf(result, 'parcel.withdrawn')!;
      return reply.status(201).send({ orderId, waybill, ...(batchId === undefined ? {} : { batchId }) });
    },
  );
}
