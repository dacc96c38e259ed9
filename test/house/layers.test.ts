import { describe, expect, it } from 'vitest';
import { importsUnder } from '../cli/import-graph.js';

/** `target` lies in one of `folders` (each `name/`). */
const within = (target: string, folders: readonly string[]) => folders.some((folder) => target.startsWith(folder));

describe('the layers import downwards only (issue #19)', () => {
  it('the hub imports nothing of the pages (ui/), types included', () => {
    expect(importsUnder('hub').filter(({ target }) => within(target, ['ui/']))).toEqual([]);
  });

  it("the tallies both sides count with (common/tally/) import neither side, nor node: the page bundles them", () => {
    const imports = importsUnder('common/tally');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ target }) => !target.startsWith('common/tally/'))).toEqual([]);
  });
});
