import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../common/paths.js';

interface Manifest {
  readonly bin?: Record<string, string>;
  readonly engines?: { readonly node?: string };
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}
interface LockEntry extends Manifest {
  readonly version?: string;
}

const read = <T>(file: string): T => JSON.parse(readFileSync(join(packageRoot(), file), 'utf8')) as T;
// semver comes with npm's tree (hoisted; no dependency of packgate's own): a test-only reader of ranges.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

/** What `npm install` would rewrite, and the Node version the README promises (issue #17, item 6). */
describe('package.json and package-lock.json', () => {
  const manifest = read<Manifest>('package.json');
  const lock = read<{ packages: Record<string, LockEntry> }>('package-lock.json');

  it('lock the root as package.json declares it, so npm install leaves the lock alone', () => {
    const root = lock.packages['']!;
    for (const field of ['bin', 'engines', 'dependencies', 'devDependencies'] as const) {
      expect(root[field], field).toEqual(manifest[field]);
    }
  });

  it("lock only packages whose engines take the oldest Node packgate declares", () => {
    const oldest = semver.minVersion(manifest.engines!.node!)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines?.node !== undefined && !semver.satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path}@${entry.version} needs node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('says in the README the Node version package.json declares', () => {
    const oldest = semver.minVersion(manifest.engines!.node!)!.version.replace(/\.0$/, '');
    expect(readFileSync(join(packageRoot(), 'README.md'), 'utf8')).toContain(`Node.js ${oldest} or newer`);
  });
});
