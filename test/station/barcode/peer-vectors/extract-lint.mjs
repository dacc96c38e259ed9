#!/usr/bin/env node
// Builds lint-vectors.json from the GS1 Syntax Engine's linter unit tests
// (src/c-lib/syntax/lint_*.c: UNIT_TEST_PASS / UNIT_TEST_FAIL, one component value each). Each
// value is put, bracketed, into an AI whose dictionary entry applies that linter (HOSTS), and the
// engine itself is asked what it makes of the scan: that answer is the vector's expectation. Run
// by hand, not in CI (see README.md):
//
//   node test/station/barcode/peer-vectors/extract-lint.mjs ENGINE_GIT_DIR ENGINE_DRIVER
//
// ENGINE_DRIVER is cross-engine.c built against the engine's src/c-lib at ENGINE_GIT_DIR's HEAD.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bracketed, calls } from './engine.mjs';

const [engineDir, engineDriver] = process.argv.slice(2);
if (!engineDir || !engineDriver) {
  console.error('usage: extract-lint.mjs ENGINE_GIT_DIR ENGINE_DRIVER');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', engineDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const engineCommit = git('rev-parse', 'HEAD').trim();

/**
 * Where each linter's test value goes: the AI, what comes before and after the value, and the
 * lengths the value's component takes (GS1 Barcode Syntax Dictionary, release 2026-01-27). The
 * AI is one whose component carries the linter, with the fewest other components; the fillers
 * are valid values of those. A key linter (csum, gcppos2) goes by the value's length.
 */
const HOSTS = {
  couponcode: [{ ai: '8110', min: 1, max: 70 }],
  couponposoffer: [{ ai: '8112', min: 1, max: 70 }],
  csum: [{ ai: '00', min: 18, max: 18 }, { ai: '01', min: 14, max: 14 }, { ai: '410', min: 13, max: 13 }, { ai: '402', min: 17, max: 17 }],
  csumalpha: [{ ai: '8013', min: 1, max: 25 }],
  cset39: [{ ai: '8010', before: '95060001', min: 1, max: 22 }],
  cset64: [{ ai: '8030', min: 1, max: 90 }],
  cset82: [{ ai: '240', min: 1, max: 30 }],
  csetnumeric: [{ ai: '30', min: 1, max: 8 }],
  gcppos1: [{ ai: '401', min: 1, max: 30 }],
  gcppos2: [{ ai: '00', min: 18, max: 18 }, { ai: '01', min: 14, max: 14 }],
  hasnondigit: [{ ai: '8014', min: 1, max: 25 }],
  hh: [{ ai: '8008', before: '260101', min: 2, max: 2 }],
  hhmi: [{ ai: '4324', before: '260101', min: 4, max: 4 }],
  hyphen: [{ ai: '4330', before: '001000', min: 1, max: 1 }],
  iban: [{ ai: '8007', min: 1, max: 34 }],
  importeridx: [{ ai: '7040', before: '1AB', min: 1, max: 1 }],
  iso3166: [{ ai: '422', min: 3, max: 3 }],
  iso3166999: [{ ai: '7030', after: 'A1', min: 3, max: 3 }],
  iso3166alpha2: [{ ai: '4307', min: 2, max: 2 }],
  iso4217: [{ ai: '3910', after: '100', min: 3, max: 3 }],
  iso5218: [{ ai: '7252', min: 1, max: 1 }],
  latitude: [{ ai: '4309', after: '0000000000', min: 10, max: 10 }],
  longitude: [{ ai: '4309', before: '0000000000', min: 10, max: 10 }],
  mediatype: [{ ai: '7241', min: 2, max: 2 }],
  mi: [{ ai: '8008', before: '26010112', min: 2, max: 2 }],
  nonzero: [{ ai: '8001', after: '00001001' + '01', min: 4, max: 4 }],
  nozeroprefix: [{ ai: '8011', min: 1, max: 12 }],
  packagetype: [{ ai: '7041', min: 1, max: 4 }],
  pcenc: [{ ai: '4300', min: 1, max: 35 }],
  pieceoftotal: [{ ai: '8006', before: '09506000134352', min: 4, max: 4 }],
  posinseqslash: [{ ai: '7258', min: 3, max: 3 }],
  ss: [{ ai: '8008', before: '2601011200', min: 2, max: 2 }],
  winding: [{ ai: '8001', before: '000100001001', after: '1', min: 1, max: 1 }],
  yesno: [{ ai: '4321', min: 1, max: 1 }],
  yymmd0: [{ ai: '11', min: 6, max: 6 }],
  yymmdd: [{ ai: '4326', min: 6, max: 6 }],
  yyyymmdd: [{ ai: '7250', min: 8, max: 8 }],
  zero: [{ ai: '8003', after: '0614141123452', min: 1, max: 1 }],
};

const files = git('ls-tree', '--name-only', 'HEAD', 'src/c-lib/syntax/').split('\n').filter((f) => /\/lint_[a-z0-9]+\.c$/.test(f));
const tests = [];
const excluded = {};
const exclude = (reason) => (excluded[reason] = (excluded[reason] ?? 0) + 1);
for (const path of files) {
  const source = git('show', `HEAD:${path}`);
  for (const kind of ['UNIT_TEST_PASS', 'UNIT_TEST_FAIL']) {
    for (const { line, args } of calls(source, kind)) {
      const linter = /^gs1_lint_(\w+)$/.exec(args[0]?.code ?? '')?.[1];
      const value = args[1];
      if (!linter) throw new Error(`${path}:${line}: not a linter test`);
      if (typeof value !== 'string') {
        exclude('computed value');
        continue;
      }
      const hosts = HOSTS[linter];
      if (!hosts) {
        exclude(`${linter}: no AI of the dictionary applies it`);
        continue;
      }
      const host = hosts.find((h) => value.length >= h.min && value.length <= h.max);
      if (!host) {
        exclude('a value no component of its AI can hold (length)');
        continue;
      }
      const input = `(${host.ai})${(host.before ?? '') + value.replaceAll('(', '\\(') + (host.after ?? '')}`;
      tests.push({ id: `engine:${path.slice('src/c-lib/'.length)}:${line}`, linter, lint: kind === 'UNIT_TEST_PASS' ? 'pass' : 'fail', input });
    }
  }
}

const answers = execFileSync(engineDriver, {
  input: tests.map((t) => `parse\t${Buffer.from(t.input, 'utf8').toString('hex')}\n`).join(''),
  encoding: 'utf8',
}).trimEnd().split('\n');
const vectors = tests.map((t, i) => {
  const [status, kind, data] = answers[i].split('\t');
  const expect = status === 'ERR' ? { ok: false } : { ok: true, ais: bracketed(data) };
  return { ...t, expect, ...(status === 'ERR' ? { why: kind } : {}) };
});

const here = dirname(fileURLToPath(import.meta.url));
const lines = vectors.map((v) => `  ${JSON.stringify(v)}`);
const head = {
  source: { repository: 'https://github.com/gs1/gs1-syntax-engine', commit: engineCommit, licence: 'Apache-2.0', tests: 'src/c-lib/syntax/lint_*.c', answers: 'cross-engine.c' },
  excluded,
};
writeFileSync(join(here, 'lint-vectors.json'), `{\n "source": ${JSON.stringify(head.source)},\n "excluded": ${JSON.stringify(head.excluded)},\n "vectors": [\n${lines.join(',\n')}\n ]\n}\n`);
const odd = vectors.filter((v) => (v.lint === 'pass') !== v.expect.ok).length;
console.log(`${vectors.length} linter vectors; excluded: ${JSON.stringify(excluded)}; ${odd} where the scan's answer differs from the linter's own (another check of the AI decides)`);
