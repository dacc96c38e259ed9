import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { packageRoot } from '../../common/paths.js';

/** Static imports that load code at run time: `import type` and `export type` load nothing. */
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
/** `import('…')` with a literal specifier; `typeof import('…')` is a type and loads nothing. */
const DYNAMIC_IMPORT = /(?<!typeof\s+)\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

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

function importGraph(entry: string, patterns: readonly RegExp[]): ImportGraph {
  const root = packageRoot();
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(join(root, file), 'utf8');
    for (const pattern of patterns) {
      for (const [, specifier] of source.matchAll(pattern)) {
        if (specifier!.startsWith('.')) visit(relative(root, join(root, dirname(file), specifier!.replace(/\.js$/, '.ts'))));
        else packages.add(packageName(specifier!));
      }
    }
  };
  visit(entry);
  return { files, packages };
}

/**
 * Every source file and package that loading `entry` (a .ts path relative to the package root)
 * loads through static imports; dynamic `import()` is what keeps a module out.
 */
export function staticImportGraph(entry: string): ImportGraph {
  return importGraph(entry, [STATIC_IMPORT]);
}

/**
 * Every source file and package that running `entry` may load: its static imports and the
 * modules it imports when needed (`await import('./serial.js')`, a driver for one kind of device).
 */
export function runtimeImportGraph(entry: string): ImportGraph {
  return importGraph(entry, [STATIC_IMPORT, DYNAMIC_IMPORT]);
}

/** Every import and re-export in one file, `import type` included, with what it resolves to. */
const ANY_IMPORT = /^(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|(?<!typeof\s+)\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/**
 * The imports of every `.ts`/`.tsx` file under `folder` (relative to the package root), each as
 * `{file, target}`: a relative import as the file it names (relative to the root), a package as its name.
 */
export function importsUnder(folder: string): Array<{ file: string; target: string }> {
  const root = packageRoot();
  const out: Array<{ file: string; target: string }> = [];
  for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = relative(root, join(entry.parentPath, entry.name));
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(ANY_IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      out.push({ file, target: specifier.startsWith('.') ? relative(root, join(root, dirname(file), specifier)) : packageName(specifier) });
    }
  }
  return out;
}
