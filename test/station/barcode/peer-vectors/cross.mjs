#!/usr/bin/env node
// Asks each peer what it makes of the other peer's vectors, and writes cross.json: for every
// GS1 Syntax Engine vector biip's answer, for every biip vector the engine's (and, where an
// engine test says only "accepted", the values the engine reads). The peer-vector
// test uses it to tell a disagreement between the peers (packgate answers as one of them) from
// one where packgate stands alone. Run by hand, not in CI (see README.md):
//
//   node test/station/barcode/peer-vectors/cross.mjs ENGINE_DRIVER BIIP_SRC ENGINE_COMMIT BIIP_COMMIT
//
// ENGINE_DRIVER is cross-engine.c built against the engine's src/c-lib at ENGINE_COMMIT;
// BIIP_SRC is the src/ folder of a biip checkout at BIIP_COMMIT (cross-biip.py runs on it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bracketed } from './engine.mjs';

const [engineDriver, biipSrc, engineCommit, biipCommit] = process.argv.slice(2);
if (!engineDriver || !biipSrc || !engineCommit || !biipCommit) {
  console.error('usage: cross.mjs ENGINE_DRIVER BIIP_SRC ENGINE_COMMIT BIIP_COMMIT');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const { vectors } = JSON.parse(readFileSync(join(here, 'vectors.json'), 'utf8'));

function engineAnswer(vector, line) {
  const [status, kind, data] = line.split('\t');
  if (status === 'ERR') return { ok: false, why: kind };
  if (kind === 'ais') return { ok: true, ais: bracketed(data) };
  const ean = /^\](E|I)/.test(vector.input) && /^(\d{8}|\d{12,14})$/.test(data);
  return ean ? { ok: true, gtin14: data.padStart(14, '0') } : { ok: true, plain: true };
}

const biip = vectors.filter((v) => v.source === 'biip');
const engine = vectors.filter((v) => v.source !== 'biip');
// The engine's tests of gs1_processAIdata and its linter table say only "accepted": its own
// answer adds the values it read.
const valueless = engine.filter((v) => v.expect.gs1 === true);
const ask = (list) =>
  execFileSync(engineDriver, {
    input: list.map((v) => `${v.stage}\t${Buffer.from(v.input, 'utf8').toString('hex')}\n`).join(''),
    encoding: 'utf8',
  }).trimEnd().split('\n');
const engineLines = ask(biip);
const valueLines = ask(valueless);
const biipLines = execFileSync('python3', [join(here, 'cross-biip.py')], {
  input: engine.map((v) => `${JSON.stringify({ input: v.input })}\n`).join(''),
  encoding: 'utf8',
  env: { ...process.env, PYTHONPATH: biipSrc },
}).trimEnd().split('\n');
if (engineLines.length !== biip.length || biipLines.length !== engine.length) throw new Error('a peer answered a different number of inputs');

const answers = {};
biip.forEach((v, i) => (answers[v.id] = { peer: 'gs1-syntax-engine', ...engineAnswer(v, engineLines[i]) }));
engine.forEach((v, i) => {
  const { ok, any, error } = JSON.parse(biipLines[i]);
  answers[v.id] = ok ? { peer: 'biip', ok, any } : { peer: 'biip', ok, why: error };
});
const engineValues = {};
valueless.forEach((v, i) => {
  const answer = engineAnswer(v, valueLines[i]);
  if (!answer.ais) throw new Error(`${v.id}: the engine no longer accepts it: ${valueLines[i]}`);
  engineValues[v.id] = answer.ais;
});
const out = {
  peers: {
    'gs1-syntax-engine': { repository: 'https://github.com/gs1/gs1-syntax-engine', commit: engineCommit, run: 'cross-engine.c' },
    biip: { repository: 'https://github.com/jodal/biip', commit: biipCommit, run: 'cross-biip.py' },
  },
  answers,
};
// One answer a line, so that a re-run's diff reads vector by vector.
const lines = Object.entries(out.answers).map(([id, answer]) => `  ${JSON.stringify(id)}: ${JSON.stringify(answer)}`);
const values = Object.entries(engineValues).map(([id, ais]) => `  ${JSON.stringify(id)}: ${JSON.stringify(ais)}`);
writeFileSync(
  join(here, 'cross.json'),
  `{\n "peers": ${JSON.stringify(out.peers)},\n "answers": {\n${lines.join(',\n')}\n },\n "engineValues": {\n${values.join(',\n')}\n }\n}\n`,
);
console.log(`cross.json: the engine's answer to ${biip.length} biip inputs, biip's to ${engine.length} engine inputs, the engine's values for ${valueless.length} of its own`);
