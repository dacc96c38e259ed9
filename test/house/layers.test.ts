import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../common/paths.js';
import { importsUnder } from '../cli/import-graph.js';

/*
 * The house's floors (docs/architecture.md, "Folders and layers"): an import may run down or
 * across, never up. The product's own code never reaches the command line or the simulators,
 * the hub never reaches a page, and the neutral floors (common/, protocol/) reach no part.
 * Type-only imports count too: a shape a lower floor borrows from a higher one is a shape in
 * the wrong room.
 */

const root = packageRoot();
const ANY_IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Folders each floor may not import from (a folder's own subfolders are named by their whole path). */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  common: ['protocol', 'station', 'hub', 'ui', 'cli', 'firmware-sim', 'bench', 'test'],
  protocol: ['station', 'hub', 'ui', 'cli', 'firmware-sim', 'bench', 'test'],
  station: ['hub', 'cli', 'firmware-sim', 'bench', 'test'],
  hub: ['station', 'ui', 'cli', 'firmware-sim', 'bench', 'test'],
  'firmware-sim': ['hub', 'cli', 'bench', 'test'],
  // Inside the hub: the domain core stands under the mapping wing, which hands it its commands.
  'hub/domain': ['hub/mapping', 'hub/control', 'hub/api', 'hub/ingest', 'hub/push', 'hub/store', 'hub/broker', 'hub/evidence', 'hub/dock'],
  'hub/mapping': ['hub/control', 'hub/api', 'hub/ingest', 'hub/push', 'hub/broker', 'hub/evidence', 'hub/dock'],
  'hub/access': ['hub/domain', 'hub/mapping', 'hub/control', 'hub/api', 'hub/ingest', 'hub/push', 'hub/store'],
  'hub/store': ['hub/mapping', 'hub/control', 'hub/api', 'hub/ingest', 'hub/push'],
};

/**
 * Arrows that still run the wrong way, each with the issue that removes it. This list may only
 * shrink: the test fails on an arrow not here, and on an entry here that no longer exists.
 */
const KNOWN_UPWARD: readonly string[] = [];

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** `from → to` for every relative import of a file in `folder` that lands in a folder it may not import. */
function upwardArrows(folder: string): string[] {
  const arrows: string[] = [];
  for (const file of sources(folder)) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const found of text.matchAll(ANY_IMPORT)) {
      const specifier = found[1] ?? found[2]!;
      if (!specifier.startsWith('.')) continue;
      const target = relative(root, join(root, dirname(file), specifier));
      if (FORBIDDEN[folder]!.some((above) => target.startsWith(`${above}/`))) arrows.push(`${file} → ${target.replace(/\.js$/, '.ts')}`);
    }
  }
  return arrows;
}

describe('the house: imports run down or across, never up', () => {
  it.each(Object.keys(FORBIDDEN))('%s/ imports nothing from the floors above it', (folder) => {
    const known = KNOWN_UPWARD.filter((arrow) => arrow.startsWith(`${folder}/`));
    expect(upwardArrows(folder).sort()).toEqual([...known].sort());
  });

  it('sees imports of every form (static, type-only, re-export, dynamic)', () => {
    const forms = ["import { a } from '../x.js'", "import type { B } from '../x.js'", "export { c } from '../x.js'", "await import('../x.js')"];
    expect(forms.map((form) => [...`\n${form}`.matchAll(ANY_IMPORT)].length)).toEqual([1, 1, 1, 1]);
  });

  it('the tallies both sides count with (common/tally/) import neither side, nor node: the page bundles them', () => {
    const imports = importsUnder('common/tally');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ target }) => !target.startsWith('common/tally/'))).toEqual([]);
  });
});
