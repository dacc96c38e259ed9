import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../../common/error-codes.js';
import { packageRoot } from '../../common/paths.js';
import { DomainError } from '../../hub/domain/errors.js';
import { BLOCK_REASONS } from '../../hub/domain/model.js';
import { STOP_REASONS } from '../../hub/domain/schemas.js';
import { buildHubTestApp } from '../helpers/api-app.js';

/*
 * Docs are a contract: every route the hub serves, every error code the code can make, every
 * `/ws` record kind and every stop reason must be named somewhere in docs/ (or the README).
 * A name missing here is a gap in the docs, not in this test.
 */

const root = packageRoot();
const SOURCE_DIRS = ['cli', 'common', 'hub', 'station', 'protocol', 'firmware-sim'];

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

const docs = [...files(join(root, 'docs'), '.md'), join(root, 'README.md')].map((path) => readFileSync(path, 'utf8')).join('\n');
const sources = SOURCE_DIRS.flatMap((dir) => files(join(root, dir), '.ts')).map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

/** Whether the docs name `word` as a whole word (not as the start of a longer name). */
function documented(word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escaped}(?![A-Za-z0-9_-])`, 'm').test(docs);
}

/** `printRoutes({commonPrefix: false})` as `METHOD /path` pairs (HEAD and the static files left out). */
function routesOf(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ├└─]*)(\S+) \(([A-Z, ]+)\)$/.exec(line.trimEnd());
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('');
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

/** Every error code a literal in the source makes: `new PackgateError('X'`, `code: 'X'`, and the catalogues. */
function errorCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const patterns = [/new PackgateError\(\s*'([A-Z][A-Z0-9_]+)'/g, /\bcode: '([A-Z][A-Z0-9_]+)'/g];
  for (const { path, text } of sources) {
    for (const pattern of patterns) for (const found of text.matchAll(pattern)) codes.set(found[1]!, path);
  }
  for (const path of ['hub/domain/errors.ts', 'hub/domain/catalog-errors.ts', 'hub/api/errors.ts']) {
    const text = readFileSync(join(root, path), 'utf8');
    for (const found of text.matchAll(/:\s*'([A-Z][A-Z0-9_]+)'/g)) codes.set(found[1]!, path);
  }
  for (const code of Object.values(DomainError)) codes.set(code, 'hub/domain/errors.ts');
  for (const code of Object.keys(ERROR_CODES)) codes.set(code, 'common/error-codes.ts');
  return codes;
}

describe('docs name everything the product exposes', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ app } = await buildHubTestApp([]));
  });
  afterAll(() => app.close());

  it('every route the hub registers is in the docs as `METHOD /path`', () => {
    const routes = routesOf(app.printRoutes({ commonPrefix: false })).filter(
      // The tablet page's files (fastify-static) and its source maps: docs/tablet.md names the page.
      (route) => !route.endsWith(' *') && !route.endsWith('.map'),
    );
    expect(routes).toContain('GET /api/v1/health');
    expect(routes).toContain('POST /api/v1/freezes/:freezeId/approve');
    // The HTTP API's routes are in api.md's route table; the others (`/ws`) anywhere in docs/.
    const apiTable = readFileSync(join(root, 'docs/api.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .join('\n');
    const inTable = (route: string) => new RegExp(`\\| \`${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[?\`]`).test(apiTable);
    const isApi = (route: string) => / \/(api\/|metrics)/.test(route);
    expect(routes.filter((route) => (isApi(route) ? !inTable(route) : !documented(route)))).toEqual([]);
  });

  it('every error code is in the docs', () => {
    const codes = errorCodes();
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes.keys()].filter((code) => !documented(code)).sort()).toEqual([]);
  });

  it('every /ws record kind is in protocol.md', () => {
    const history = readFileSync(join(root, 'hub/store/history-record.ts'), 'utf8');
    const kinds = [...history.matchAll(/\{ kind: '([a-z]+)'/g)].map((found) => found[1]!);
    expect(kinds).toEqual(expect.arrayContaining(['event', 'station', 'rejected', 'domain', 'external']));
    const protocol = readFileSync(join(root, 'docs/protocol.md'), 'utf8');
    const section = protocol.slice(protocol.indexOf('A record is `{seq, at, kind'));
    expect(kinds.filter((kind) => !section.includes(`\`${kind}\``))).toEqual([]);
  });

  it('every stop and block reason is in api.md and domain.md', () => {
    const reasons = [...STOP_REASONS, 'refund', ...BLOCK_REASONS];
    for (const page of ['api.md', 'domain.md']) {
      const text = readFileSync(join(root, 'docs', page), 'utf8');
      expect(reasons.filter((reason) => !text.includes(`\`${reason}\``)), page).toEqual([]);
    }
  });
});
