import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { verifyToken, type Principal, type TokenRecord } from '../store/tokens.js';
import { seesCustomers } from '../access/customer-mask.js';
import { roleAllows, type Role } from '../access/roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the request; set by `requireRole` before the handler runs. */
    principal?: Principal;
  }
}

/** What a route needs of a role besides `needed`. */
export interface RoleNeeds {
  /**
   * A role that sees customers' names, phones and addresses whole (`seesCustomers`): for an
   * answer that cannot be masked, such as a packing clip or photo that shows the shipping label.
   */
  readonly customers?: boolean;
}

/**
 * A preHandler that admits a request only with `Authorization: Bearer <token>` of a role
 * allowed one of `needed` (e.g. `['integration', 'manager']` for orders a channel or a person posts),
 * and that sees customers whole when `needs.customers` says so.
 */
export function requireRole(tokens: () => readonly TokenRecord[], needed: Role | readonly Role[], needs: RoleNeeds = {}): preHandlerAsyncHookHandler {
  const anyOf: readonly Role[] = typeof needed === 'string' ? [needed] : needed;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: { code: 'UNAUTHORIZED', message: 'a bearer token is required' } });
    }
    const principal = verifyToken(tokens(), token);
    if (!principal) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send({ error: { code: 'UNAUTHORIZED', message: 'unknown token' } });
    }
    if (!anyOf.some((role) => roleAllows(principal.role, role))) {
      return reply
        .status(403)
        .send({ error: { code: 'FORBIDDEN', message: `role ${principal.role} may not do this (needs ${anyOf.join(' or ')})` } });
    }
    if (needs.customers && !seesCustomers(principal.role)) {
      return reply
        .status(403)
        .send({ error: { code: 'FORBIDDEN', message: `role ${principal.role} does not see customers' names, phones and addresses, and this shows them` } });
    }
    request.principal = principal;
  };
}
