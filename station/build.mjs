// Bundles the built command line (dist/cli/main.js) for the station: dist/bundle/main.js and
// the chunks it loads lazily, one per command. bin/packgate runs `packgate station` from here:
// one module per chunk instead of several hundred (MQTT.js alone is 122) leaves the agent about
// 4 MB smaller (docs/architecture.md, "Station memory"). Native packages stay outside.
// Run by `npm run build` after tsc; `node station/build.mjs` alone works too.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const STATION_BUNDLE = join(root, 'dist', 'bundle');

export async function buildStationBundle(outdir = STATION_BUNDLE) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(root, 'dist', 'cli', 'main.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    outdir,
    external: ['@serialport/bindings-cpp', 'node-hid'],
    // CommonJS packages bundled into ESM still call require() for node's own modules.
    banner: { js: "import { createRequire as packgateCreateRequire } from 'node:module'; const require = packgateCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildStationBundle();
