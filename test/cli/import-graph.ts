import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { packageRoot } from '../../common/paths.js';

/** Static imports that load code at run time: `import type` and `export type` load nothing. */
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

export interface ImportGraph {
  /** Source files reached, relative to the package root (`station/agent.ts`). */
  readonly files: ReadonlySet<string>;
  /** Packages reached (`fastify`, `@fastify/static`, `node:fs`). */
  readonly packages: ReadonlySet<string>;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Every source file and package that loading `entry` (a .ts path relative to the package root)
 * loads through static imports; dynamic `import()` is what keeps a module out.
 */
export function staticImportGraph(entry: string): ImportGraph {
  const root = packageRoot();
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(join(root, file), 'utf8');
    for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('.')) visit(relative(root, join(root, dirname(file), specifier!.replace(/\.js$/, '.ts'))));
      else packages.add(packageName(specifier!));
    }
  };
  visit(entry);
  return { files, packages };
}
