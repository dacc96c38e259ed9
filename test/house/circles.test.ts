import { describe, expect, it } from 'vitest';
import { importsUnder } from '../cli/import-graph.js';

/*
 * No circles (issue #19): files that import each other, however far round, are one part split in
 * two, or a shape standing in the wrong room. Type-only imports count, as they do for the floors.
 */

const FOLDERS = ['common', 'protocol', 'station', 'hub', 'ui', 'cli', 'firmware-sim', 'bench'] as const;

/** Strongly connected components of more than one file (Tarjan), each sorted, for a readable failure. */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}

function productImports(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const folder of FOLDERS) {
    for (const { file, target } of importsUnder(folder)) {
      if (!target.endsWith('.js')) continue;
      const targets = edges.get(file) ?? [];
      targets.push(target.replace(/\.js$/, '.ts'));
      edges.set(file, targets);
    }
  }
  return edges;
}

describe('the house: no circles', () => {
  it('finds a circle of three and none in a chain', () => {
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(circles(new Map([['a', ['b']], ['b', ['c']]]))).toEqual([]);
  });

  it('no product file imports, however far round, a file that imports it', () => {
    const edges = productImports();
    expect(edges.size).toBeGreaterThan(300);
    expect(circles(edges)).toEqual([]);
  });
});
