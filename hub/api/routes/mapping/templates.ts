import type { FastifyInstance, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { previewTemplate } from '../../../mapping/catalog/index.js';
import { CHANNELS, getOwn, type Channel as ChannelName, type CommandContext, type DomainCommand } from '../../../domain/index.js';
import { ChannelTemplate } from '../../../domain/model.js';
import { catalogEntries, parseForCatalog } from '../../../mapping/templates.js';
import { closed, errorResponses, guarded, NoQuery, Note } from '../common.js';
import { PendingTemplateRecord, releasedOrders } from './mapping-records.js';
import { requestContext, sendRejection, type HubServices } from '../services.js';

const ChannelParams = closed({ channel: Type.Enum(CHANNELS) });
const Source = Type.String({ minLength: 1, maxLength: 1000, description: 'the template (grammar in docs/mapping.md); at most 256 characters parse' });
const SetBody = closed({ source: Source, note: Note });
const NoteBody = closed({ note: Note });
const PreviewBody = closed({ channel: Type.Enum(CHANNELS), source: Source });

export const TemplateRecord = ChannelTemplate;
const Changed = Type.Object({
  template: Type.Union([TemplateRecord, Type.Null()], { description: 'the template in force now; null: none' }),
  previous: Type.Union([Type.String(), Type.Null()], { description: 'the source before this call; null: none' }),
  pending: Type.Union([PendingTemplateRecord, Type.Null()], { description: 'the change waiting for confirmation, if any' }),
  released: Type.Array(Type.String(), { description: 'held orders released because their codes now resolve' }),
});
const Decided = Type.Object({
  template: Type.Union([TemplateRecord, Type.Null()], { description: 'the template in force after the decision' }),
  previous: Type.Union([Type.String(), Type.Null()], { description: 'the source in force before the decision' }),
  released: Type.Array(Type.String()),
});
const Preview = Type.Object({
  rows: Type.Array(Type.Object({ masterSku: Type.String(), channelSku: Type.String() }), { description: 'the code of each catalog item, in catalog order' }),
  errors: Type.Array(Type.Object({ masterSku: Type.String(), code: Type.String(), message: Type.String() }), { description: 'items it cannot code' }),
  collisions: Type.Array(Type.Object({ channelSku: Type.String(), masterSkus: Type.Array(Type.String()) }), { description: 'codes given to two or more master SKUs' }),
  conflicts: Type.Array(Type.Object({ channelSku: Type.String(), masterSku: Type.String(), mappedTo: Type.String() }), {
    description: 'codes an explicit row of the channel maps to another master SKU',
  }),
});

const templateOf = (services: HubServices, channel: string) => getOwn(services.domain.state.templates, channel) ?? null;

/**
 * Channel rule templates: `GET /api/v1/templates` (viewer), `PUT` and `DELETE
 * /api/v1/templates/:channel` (manager; a change trips the circuit breaker), `POST
 * /api/v1/templates/:channel/confirm` and `/rollback` (manager) and `POST
 * /api/v1/templates/preview` (viewer; changes nothing).
 */
export function registerTemplateRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/templates',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: "Each channel's rule template in force",
      querystring: NoQuery,
      response: { 200: Type.Object({ templates: Type.Array(TemplateRecord, { description: 'by channel' }) }), ...errorResponses() },
    }),
    async () => ({ templates: CHANNELS.flatMap((channel) => templateOf(services, channel) ?? []) }),
  );

  app.post<{ Body: Static<typeof PreviewBody> }>(
    '/api/v1/templates/preview',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'What a template would give every catalog item, its collisions and its conflicts with explicit rows; changes nothing',
      body: PreviewBody,
      response: { 200: Preview, ...errorResponses() },
    }),
    async (request, reply) => {
      const { channel, source } = request.body;
      const state = services.domain.state;
      const parsed = parseForCatalog(source, state.catalog);
      if (!parsed.ok) return reply.status(400).send({ error: { code: parsed.code, message: parsed.message } });
      const existing = Object.values(state.mappings).filter((row) => row.channel === channel);
      return previewTemplate(parsed.template, catalogEntries(state.catalog), { existing });
    },
  );

  app.put<{ Params: Static<typeof ChannelParams>; Body: Static<typeof SetBody> }>(
    '/api/v1/templates/:channel',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: "Set a channel's rule template; changing one holds the SKUs whose codes change until confirmed",
      params: ChannelParams,
      body: SetBody,
      response: { 200: Changed, ...errorResponses() },
    }),
    async (request, reply) => {
      const { channel } = request.params;
      const command: DomainCommand = { type: 'setTemplate', channel, ...request.body };
      return change(services, reply, channel, command, requestContext(request));
    },
  );

  app.delete<{ Params: Static<typeof ChannelParams>; Body: Static<typeof NoteBody> }>(
    '/api/v1/templates/:channel',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: "Remove a channel's template; the SKUs it coded are held until confirmed",
      params: ChannelParams,
      body: NoteBody,
      response: { 200: Changed, ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const { channel } = request.params;
      const command: DomainCommand = { type: 'removeTemplate', channel, ...request.body };
      return change(services, reply, channel, command, requestContext(request));
    },
  );

  for (const [action, type] of [
    ['confirm', 'confirmTemplate'],
    ['rollback', 'rollbackTemplate'],
  ] as const) {
    app.post<{ Params: Static<typeof ChannelParams>; Body: Static<typeof NoteBody> }>(
      `/api/v1/templates/:channel/${action}`,
      guarded(services, {
        roles: 'manager',
        tag: 'mappings',
        summary:
          action === 'confirm'
            ? "Confirm a channel's pending template change: the template in force stays and the hold is lifted"
            : "Roll a channel's pending template change back to the last confirmed one; the hold is lifted",
        params: ChannelParams,
        body: NoteBody,
        response: { 200: Decided, ...errorResponses(409) },
      }),
      async (request, reply) => {
        const { channel } = request.params;
        const previous = templateOf(services, channel)?.source ?? null;
        const result = services.execute({ type, channel, ...request.body }, requestContext(request));
        if (!result.ok) return sendRejection(reply, result);
        return { template: getOwn(result.state.templates, channel) ?? null, previous, released: releasedOrders(result) };
      },
    );
  }
}

/** Applies a template change, then re-resolves held orders (a new template may resolve their codes). */
function change(services: HubServices, reply: FastifyReply, channel: ChannelName, command: DomainCommand, context: CommandContext) {
  const previous = templateOf(services, channel)?.source ?? null;
  const result = services.execute(command, context);
  if (!result.ok) return sendRejection(reply, result);
  const resolved = services.execute({ type: 'resolveHeldOrders' }, context);
  if (!resolved.ok) return sendRejection(reply, resolved);
  return {
    template: getOwn(resolved.state.templates, channel) ?? null,
    previous,
    pending: getOwn(resolved.state.pendingTemplates, channel) ?? null,
    released: releasedOrders(resolved),
  };
}
