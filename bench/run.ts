import { BENCHMARKS } from './index.js';

/**
 * `npm run bench`: runs every benchmark and prints one JSON object of figures on stdout;
 * progress goes to stderr. `npm run bench -- NAME…` runs only those.
 */
const only = process.argv.slice(2);
const selected = only.length > 0 ? BENCHMARKS.filter((bench) => only.includes(bench.name)) : BENCHMARKS;
const figures: Record<string, Record<string, number | string>> = {};
for (const bench of selected) {
  process.stderr.write(`bench ${bench.name}…\n`);
  figures[bench.name] = await bench.run();
}
console.log(JSON.stringify({ node: process.version, at: new Date().toISOString(), figures }, null, 2));
