import type { FastifyReply, FastifySchema, onRequestAsyncHookHandler } from 'fastify';
import Type, { type TSchema } from 'typebox';
import type { Applied } from '../../domain/apply.js';
import type { DomainErrorCode } from '../../domain/errors.js';
import type { DomainEvent, DomainEventType } from '../../domain/events.js';
import { requireRole, type RoleNeeds } from '../auth.js';
import { ErrorResponse } from '../errors.js';
import { seesCustomers } from '../../access/customer-mask.js';
import { ROLES, roleAllows, type Role } from '../../access/roles.js';
import { sendRejection, type HubServices } from './services.js';

/** Statuses a route can answer `{error: {code, message}}` with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409;

/**
 * The error responses of a route that needs a token (401, 403) and validates its input (400),
 * plus any others it names: `{...errorResponses(404, 409)}` in `schema.response`.
 */
export function errorResponses(...more: ErrorStatus[]): Partial<Record<ErrorStatus, typeof ErrorResponse>> {
  const responses: Partial<Record<ErrorStatus, typeof ErrorResponse>> = {};
  for (const status of [400, 401, 403, ...more] as const) responses[status] = ErrorResponse;
  return responses;
}

/** What a route that answers with customers' data it cannot mask needs (evidence media: the label is in the picture). */
export const SHOWS_CUSTOMERS: RoleNeeds = { customers: true };

/** Who may call a guarded route, and the OpenAPI group and summary that name them. */
export interface RouteAccess {
  /** The least role the route needs, or the roles any of which will do; admin passes everywhere. */
  readonly roles: Role | readonly Role[];
  readonly needs?: RoleNeeds;
  readonly tag: string;
  readonly summary: string;
}

/**
 * The options of a guarded route, which states its roles once for both of their uses: the token
 * check, run `onRequest` (before the body is read or validated, so a caller without a token
 * learns nothing about the body schema), and the OpenAPI text, put before the route's own schema.
 * Spread it to add other options.
 */
export function guarded(services: Pick<HubServices, 'tokens'>, route: RouteAccess & FastifySchema) {
  const { roles, needs, tag, summary, ...schema } = route;
  const onRequest: onRequestAsyncHookHandler = requireRole(services.tokens, roles, needs);
  return { onRequest, schema: { ...apiDoc(tag, summary, roles, needs), ...schema } };
}

/** OpenAPI fields of a guarded route: its group, a summary and the roles it needs. */
function apiDoc(tag: string, summary: string, roles: Role | readonly Role[], needs: RoleNeeds = {}) {
  const names = typeof roles === 'string' ? [roles] : roles;
  const admitted = ROLES.filter((role) => seesCustomers(role) && names.some((name) => roleAllows(role, name)));
  return {
    tags: [tag],
    summary,
    description:
      `Bearer token of role ${names.join(' or ')} (admin may do everything; manager may do what dock may; dock may read what viewer may).` +
      (needs.customers ? ` It shows customers' names, phones and addresses unmasked, so only roles that see them: ${admitted.join(', ')}.` : ''),
    security: [{ bearer: [] as string[] }],
  };
}

/** The first event of a type among a command's events. */
export function eventOf<T extends DomainEventType>(applied: Applied, type: T): Extract<DomainEvent, { type: T }> | undefined {
  return applied.events.find((event): event is Extract<DomainEvent, { type: T }> => event.type === type);
}

/** An optional note in a body (kept in the audit as the reason). */
export const Note = Type.Optional(Type.String({ maxLength: 500, description: 'why, in words; kept in the audit' }));

/** `{name: schema}` as a closed object: no other property is accepted. */
export function closed<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object(properties, { additionalProperties: false });
}

/** The query of a route that reads none: any parameter is refused rather than ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

/** A 404 with the domain's code for the missing thing (`ORDER_NOT_FOUND`, `STOP_NOT_FOUND` …). */
export function notFound(reply: FastifyReply, code: DomainErrorCode, message: string): FastifyReply {
  return sendRejection(reply, { ok: false, code, message });
}
