import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { MappingIoError, applyMappingImport, exportMappingsCsv, importCommand, type ImportPlan } from '../../../mapping/catalog/index.js';
import { getOwn, mappingKey, type CommandContext } from '../../../domain/index.js';
import { ErrorResponse } from '../../errors.js';
import { closed, errorResponses, guarded, Note } from '../common.js';
import { PlanView, SHEET_FORMATS, SHEET_MIME, type SheetFormat } from './import-plan.js';
import { planImport } from './import-planner.js';
import { requestContext, sendRejection, type HubServices } from '../services.js';

/** The largest sheet accepted: exceljs reads a whole workbook into memory. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

const ExportQuery = closed({ format: Type.Optional(Type.Enum(SHEET_FORMATS, { description: 'default csv' })) });
const ImportQuery = closed({
  format: Type.Optional(Type.Enum(SHEET_FORMATS, { description: "default: from the Content-Type" })),
  mode: Type.Optional(Type.Enum(['merge', 'replace'], { description: 'default merge; replace: the sheet is the whole table of each channel it names' })),
  dryRun: Type.Optional(Type.Boolean({ description: 'default true: plan only, change nothing' })),
  note: Note,
});

// The upload is raw bytes; the validator only sees that a body is there.
const SheetBytes = Type.Unsafe<Buffer>({ description: 'the sheet: columns channel, channel_sku, master_sku (note optional)' });
const SheetFile = Type.Unsafe<string>({ type: 'string', format: 'binary' });

const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  plan: PlanView,
  applied: Type.Boolean({ description: 'true when the adds, changes and removals were made' }),
  pending: Type.Integer({ description: 'rows of this import now waiting for confirmation (changed existing rows)' }),
});

const formatOfContentType = (type: string | undefined): SheetFormat | undefined =>
  SHEET_FORMATS.find((format) => type?.split(';')[0]?.trim().toLowerCase() === SHEET_MIME[format]);

/**
 * The mapping table as a sheet: `GET /api/v1/mappings/export?format=csv|xlsx` (viewer) and
 * `POST /api/v1/mappings/import?format=&mode=&dryRun=` (manager), whose body is the raw CSV
 * (`text/csv`) or workbook (the .xlsx MIME type), read and planned in a worker thread when the
 * hub runs compiled. Registered in a plugin of their own so the raw-body parsers apply to these
 * routes only.
 */
export function registerMappingIoRoutes(app: FastifyInstance, services: HubServices): void {
  void app.register(async (io) => {
    io.addContentTypeParser(Object.values(SHEET_MIME), { parseAs: 'buffer', bodyLimit: MAX_SHEET_BYTES }, (_request, body, done) =>
      done(null, body),
    );

    io.get<{ Querystring: Static<typeof ExportQuery> }>(
      '/api/v1/mappings/export',
      guarded(services, {
        roles: 'viewer',
        tag: 'mappings',
        summary: 'The mapping table as a CSV or .xlsx sheet, by channel and channel SKU; the file name carries the mapping version',
        querystring: ExportQuery,
        response: {
          200: { content: { [SHEET_MIME.csv]: { schema: SheetFile }, [SHEET_MIME.xlsx]: { schema: SheetFile } } },
          ...errorResponses(),
        },
      }),
      async (request, reply) => {
        const format = request.query.format ?? 'csv';
        const state = services.domain.state;
        const rows = Object.values(state.mappings);
        // exceljs is loaded only when a workbook is asked for: it is a quarter of the hub's start-up.
        const body = format === 'csv' ? exportMappingsCsv(rows) : Buffer.from(await (await import('../../../mapping/catalog/xlsx.js')).writeMappingsXlsx(rows));
        const name = `packgate-mappings-v${state.mappingVersion}-${new Date().toISOString().slice(0, 10)}.${format}`;
        return reply
          .header('content-type', format === 'csv' ? `${SHEET_MIME.csv}; charset=utf-8` : SHEET_MIME.xlsx)
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(body);
      },
    );

    io.post<{ Querystring: Static<typeof ImportQuery>; Body: Buffer }>(
      '/api/v1/mappings/import',
      {
        ...guarded(services, {
          roles: 'manager',
          tag: 'mappings',
          summary: 'Import a mapping sheet: a dry run row by row (default), or apply it all or nothing',
          querystring: ImportQuery,
          body: { content: { [SHEET_MIME.csv]: { schema: SheetBytes }, [SHEET_MIME.xlsx]: { schema: SheetBytes } } },
          response: { 200: ImportResult, ...errorResponses(409), 413: ErrorResponse, 415: ErrorResponse },
        }),
        bodyLimit: MAX_SHEET_BYTES,
      },
      async (request, reply) => {
        const sent = formatOfContentType(request.headers['content-type']);
        if (!sent && request.body !== undefined && request.body !== null) {
          return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: `send the sheet as ${SHEET_MIME.csv} or ${SHEET_MIME.xlsx}` } });
        }
        const format = request.query.format ?? sent ?? 'csv';
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const current = Object.values(services.domain.state.mappings);
        const planned = await planImport({ format, bytes, current, mode: request.query.mode ?? 'merge' });
        if (!planned.ok) {
          const status = planned.code === MappingIoError.TooLarge ? 413 : 400;
          return reply.status(status).send({ error: { code: planned.code, message: planned.message } });
        }
        const { plan, view } = planned;
        const dryRun = request.query.dryRun ?? true;
        const nothingToDo = plan.counts.add + plan.counts.change + plan.counts.remove === 0;
        if (dryRun || nothingToDo) return { dryRun, plan: view, applied: false, pending: 0 };
        // Planning may have run in a worker while the table changed: apply only what was planned against.
        const fresh = applyMappingImport(services.domain.state.mappings, plan);
        if (!fresh.ok) return reply.status(409).send({ error: { code: fresh.code, message: fresh.message } });
        // The audit keeps what the sheet was, not its bytes: its rows are in the command itself.
        const raw = { sheet: format, mode: plan.mode, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
        return applyPlan(reply, services, plan, view, { ...requestContext(request), raw }, request.query.note);
      },
    );
  });
}

/**
 * Applies the plan as one `setMappings` command (all or nothing, one audit record), then
 * re-resolves the held orders the new rows complete.
 */
function applyPlan(reply: FastifyReply, services: HubServices, plan: ImportPlan, view: PlanView, context: CommandContext, note: string | undefined) {
  const command = importCommand(plan, note);
  const set = services.execute(command, context);
  if (!set.ok) return sendRejection(reply, set);
  const resolved = services.execute({ type: 'resolveHeldOrders' }, context);
  if (!resolved.ok) return sendRejection(reply, resolved);
  const pendingMappings = resolved.state.pendingMappings;
  const pending = command.rows.filter((row) => getOwn(pendingMappings, mappingKey(row.channel, row.channelSku)) !== undefined).length;
  return { dryRun: false, plan: view, applied: true, pending };
}
