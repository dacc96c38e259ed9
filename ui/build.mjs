// Builds the tablet page to static files: dist/ui/tablet/{index.html, app.js, app.css}.
// esbuild bundles the Preact app (TSX) with its chart library; nothing is loaded from the
// internet at run time. Run by `npm run build`; `node ui/build.mjs` alone works too.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const source = join(root, 'ui', 'tablet');
export const TABLET_OUT = join(root, 'dist', 'ui', 'tablet');

/**
 * Bundles, minifies and writes the page. Each file is written whole and renamed into place,
 * so a hub serving the folder (or a test building it at the same time) never reads half a file.
 */
export async function buildTablet(outdir = TABLET_OUT) {
  const result = await build({
    entryPoints: { app: join(source, 'src', 'main.tsx') },
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['chrome100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir,
    write: false,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const files = [...result.outputFiles.map((file) => [file.path, file.contents]), [join(outdir, 'index.html'), readFileSync(join(source, 'index.html'))]];
  mkdirSync(outdir, { recursive: true });
  for (const [path, contents] of files) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  }
  return files.map(([path, contents]) => ({ file: relative(root, path), bytes: contents.length }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await buildTablet();
  for (const { file, bytes } of files) process.stderr.write(`ui: ${file} ${(bytes / 1024).toFixed(1)} KiB\n`);
}
