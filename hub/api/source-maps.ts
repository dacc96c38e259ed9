import { existsSync, readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TokenRecord } from '../store/tokens.js';
import { requireRole } from './auth.js';

/**
 * Whether a path the static files would serve names a source map, however it is spelt: `send`
 * URI-decodes the path, and a case-insensitive file system (Windows, macOS) finds `APP.JS.MAP`
 * or `app.js.map.` too; so any `.map` anywhere in the decoded path counts.
 */
export function isSourceMapPath(encodedPath: string): boolean {
  try {
    return /\.map/i.test(decodeURIComponent(encodedPath));
  } catch {
    return true;
  }
}

/**
 * The tablet page's source maps (`/app.js.map`, `/app.css.map`) hold its whole source, so they
 * are served only with a token (any role that reads: viewer and up); the static files refuse
 * them (`isSourceMapPath`) to a request without a principal. Browsers' developer tools send no
 * token, so they do without.
 */
export function registerSourceMapRoutes(app: FastifyInstance, root: string, tokens: () => readonly TokenRecord[]): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root).filter((file) => file.endsWith('.map'))) {
    app.get(`/${name}`, { onRequest: requireRole(tokens, 'viewer'), schema: { hide: true } }, (_request, reply) => reply.sendFile(name));
  }
}
