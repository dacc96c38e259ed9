#!/usr/bin/env node
// Builds vectors.json, the peer vectors of test/station/barcode/peer-vectors.test.ts, from the
// test suites of the GS1 Syntax Engine and of biip. Run by hand, not in CI (see README.md):
//
//   node test/station/barcode/peer-vectors/extract.mjs ENGINE_GIT_DIR BIIP_CALLS_JSONL BIIP_COMMIT
//
// ENGINE_GIT_DIR is a clone (or bare mirror) of github.com/gs1/gs1-syntax-engine; the C unit
// tests of src/c-lib/{ai,dl,scandata}.c are read at its HEAD. BIIP_CALLS_JSONL is what
// extract-biip.py recorded while biip's own tests ran.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calls, unescapeC } from './engine.mjs';

const [engineDir, biipCalls, biipCommit] = process.argv.slice(2);
if (!engineDir || !biipCalls || !biipCommit) {
  console.error('usage: extract.mjs ENGINE_GIT_DIR BIIP_CALLS_JSONL BIIP_COMMIT');
  process.exit(2);
}
const GS = '\u001d';
const git = (...args) => execFileSync('git', ['--git-dir', engineDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const engineCommit = git('rev-parse', 'HEAD').trim();

/**
 * The settings other than the engine's defaults in force at each line of a C test file: the
 * tests switch options on and off between vectors (permitUnknownAIs, convenience alphas,
 * zero-suppressed GTINs, single validations), and every test function starts from defaults.
 */
function settingsAt(source) {
  const events = [];
  source.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (/^void test_/.test(text)) events.push({ line, reset: true });
    let m;
    if ((m = /gs1_encoder_setPermitUnknownAIs\(ctx, (true|false)\)/.exec(text))) events.push({ line, key: 'permitUnknownAIs', on: m[1] === 'true' });
    if ((m = /gs1_encoder_setPermitZeroSuppressedGTINinDLuris\(ctx, (true|false)\)/.exec(text))) events.push({ line, key: 'permitZeroSuppressedGTINinDLuris', on: m[1] === 'true' });
    if ((m = /ctx->permitConvenienceAlphas = (true|false)/.exec(text))) events.push({ line, key: 'permitConvenienceAlphas', on: m[1] === 'true' });
    if ((m = /gs1_encoder_setValidationEnabled\(ctx, gs1_encoder_(v\w+), (true|false)\)/.exec(text))) events.push({ line, key: `${m[1]} disabled`, on: m[2] === 'false' });
  });
  return (line) => {
    const on = new Set();
    for (const event of events) {
      if (event.line >= line) break;
      if (event.reset) on.clear();
      else if (event.on) on.add(event.key);
      else on.delete(event.key);
    }
    return [...on];
  };
}

// The AIs of the dictionary, to tell whether permitUnknownAIs can matter to a vector.
const dictionary = process.env.PACKGATE_GS1_DICTIONARY ?? join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/gs1/gs1-syntax-dictionary.txt');
const knownAis = new Set();
for (const text of readFileSync(dictionary, 'utf8').split('\n')) {
  const m = /^(\d{2,4})(?:-(\d{2,4}))?\s/.exec(text);
  if (!m) continue;
  for (let ai = Number(m[1]); ai <= Number(m[2] ?? m[1]); ai++) knownAis.add(String(ai).padStart(m[1].length, '0'));
}
/** AIs written out in a bracketed string or a Digital Link (path segments and query keys of digits). */
function writtenAis(input) {
  return [...input.matchAll(/\((\d+)\)|[/?&](\d{2,4})(?=[/=])/g)].map((m) => m[1] ?? m[2]);
}

const vectors = [];
const excluded = {};
function exclude(reason) {
  excluded[reason] = (excluded[reason] ?? 0) + 1;
}
/** Keeps a vector taken at the engine's default settings, or where the setting changed cannot matter to it. */
function add(vector, settings = []) {
  const matter = settings.filter((setting) => setting !== 'permitUnknownAIs' || vector.input.startsWith(']C1') || writtenAis(vector.input).some((ai) => !knownAis.has(ai)));
  if (matter.length > 0) {
    exclude(`non-default setting: ${matter.join(', ')}`);
    return;
  }
  vectors.push(vector);
}
const bool = (arg) => {
  if (arg.code !== 'true' && arg.code !== 'false') throw new Error(`not a boolean: ${JSON.stringify(arg)}`);
  return arg.code === 'true';
};
/** The engine's "^…" element string as the raw data packgate reads after ]C1. */
const caretToRaw = (data) => `]C1${data.slice(1).replaceAll('^', GS)}`;

const ai = git('show', 'HEAD:src/c-lib/ai.c');
const aiSettings = settingsAt(ai);
const dl = git('show', 'HEAD:src/c-lib/dl.c');
const dlSettings = settingsAt(dl);
const scandata = git('show', 'HEAD:src/c-lib/scandata.c');
const scandataSettings = settingsAt(scandata);

// gs1_processAIdata: raw element strings ("^" is FNC1), parsed and linted, no pairing rules.
for (const { line, args, comment } of calls(ai, 'test_processAIdata')) {
  const [ok, data] = args;
  if (typeof data !== 'string') {
    exclude('computed input');
    continue;
  }
  if (!data.startsWith('^')) {
    exclude('raw data without FNC1 in first position: no packgate form');
    continue;
  }
  add({ id: `engine:ai.c:${line}`, source: 'gs1-syntax-engine', stage: 'parse', input: caretToRaw(data), expect: bool(ok) ? { ok: true, gs1: true } : { ok: false }, note: comment ?? data }, aiSettings(line));
}

// gs1_parseAIdata: bracketed element strings, parsed and linted, no pairing rules.
for (const { line, args, comment } of calls(ai, 'test_parseAIdata')) {
  const [ok, data, out] = args;
  if (typeof data !== 'string') {
    exclude('computed input');
    continue;
  }
  add({ id: `engine:ai.c:${line}`, source: 'gs1-syntax-engine', stage: 'parse', input: data, expect: bool(ok) ? { ok: true, caret: out } : { ok: false }, note: comment ?? data }, aiSettings(line));
}

// test_ai_linters: one AI each, bracketed; GS1_LINTER_OK or a linter error.
{
  const table = ai.slice(ai.indexOf('static const struct linter_test_s tests[]'));
  const body = table.slice(0, table.indexOf('};'));
  const lines = body.split('\n');
  const start = ai.slice(0, ai.indexOf('static const struct linter_test_s tests[]')).split('\n').length;
  lines.forEach((text, index) => {
    const m = /^\s*\{\s*"((?:[^"\\]|\\.)*)",\s*(GS1_LINTER_\w+)\s*\}/.exec(text);
    if (!m) return;
    const data = unescapeC(m[1]);
    add({ id: `engine:ai.c:${start + index}`, source: 'gs1-syntax-engine', stage: 'parse', input: data, expect: m[2] === 'GS1_LINTER_OK' ? { ok: true, gs1: true } : { ok: false }, note: m[2] }, aiSettings(start + index));
  });
}

// validateAIs: one validation at a time (repeats, ex=, req=, digital signature), unknown AIs permitted.
const VALIDATION = {
  validateAIrepeats: 'repeats',
  validateAImutex: 'mutex',
  validateAIrequisites: 'requisites',
  validateDigSigRequiresSerialisedKey: 'digsig',
};
for (const { line, args, comment } of calls(ai, 'test_validateAIs')) {
  const [ok, fn, data] = args;
  const validation = VALIDATION[fn.code];
  if (!validation) throw new Error(`ai.c:${line}: unknown validation ${fn}`);
  add({ id: `engine:ai.c:${line}`, source: 'gs1-syntax-engine', stage: `validation:${validation}`, input: data, expect: { ok: bool(ok) }, note: comment ?? data }, aiSettings(line));
}

// gs1_parseDLuri: Digital Link URIs, parsed and linted, no pairing rules.
for (const { line, args, comment } of calls(dl, 'test_parseDLuri')) {
  const [ok, uri, out] = args;
  if (typeof uri !== 'string') {
    exclude('computed input');
    continue;
  }
  add({ id: `engine:dl.c:${line}`, source: 'gs1-syntax-engine', stage: 'parse', input: uri, expect: bool(ok) ? { ok: true, caret: out } : { ok: false }, note: comment ?? uri }, dlSettings(line));
}

// gs1_processScanData: scan data with an AIM identifier, fully validated.
for (const { line, args, comment } of calls(scandata, 'test_testProcessScanData')) {
  const [ok, scan, , out] = args;
  if (typeof scan !== 'string') {
    exclude('computed input');
    continue;
  }
  const expect = !bool(ok) ? { ok: false } : out.startsWith('^') ? { ok: true, caret: out } : { ok: true, plain: true };
  add({ id: `engine:scandata.c:${line}`, source: 'gs1-syntax-engine', stage: 'full', input: scan, expect, note: comment ?? scan }, scandataSettings(line));
}

// biip: what its tests fed biip.parse, GS1Message.parse, GS1DigitalLinkURI.parse,
// GS1ElementString.extract, Gtin.parse, Upc.parse and Sscc.parse, and what biip answered.
// biip applies no pairing rules, so every biip vector is compared at the parse stage.
for (const text of readFileSync(biipCalls, 'utf8').split('\n')) {
  if (!text.trim()) continue;
  const call = JSON.parse(text);
  // Stable across re-extractions: the test, the biip function and a hash of the input.
  const id = `biip:${call.test}:${call.kind}:${createHash('sha1').update(call.input).digest('hex').slice(0, 8)}`;
  const input = call.input;
  const base = { id, source: 'biip', stage: 'parse', note: `${call.kind}(${JSON.stringify(input)})` };
  switch (call.kind) {
    case 'gs1-message':
      add({ ...base, input: /^[(\]]/.test(input.trim()) ? input : `]C1${input}`, expect: call.ok ? { ok: true, ais: call.gs1 } : { ok: false } });
      break;
    case 'element-string': {
      const consumed = call.ok ? input.slice(0, call.consumed) : input;
      add({ ...base, input: `]C1${consumed}`, expect: call.ok ? { ok: true, ais: call.gs1 } : { ok: false } });
      break;
    }
    case 'digital-link':
      if (!/^https?:\/\//i.test(input)) {
        // GS1DigitalLinkURI.parse refusing a bare number tests the API's type guard; packgate has no Digital-Link-only entry.
        exclude('biip: GS1DigitalLinkURI.parse of a non-URL');
        break;
      }
      add({ ...base, input, expect: call.ok ? { ok: true, ais: call.dl } : { ok: false } });
      break;
    case 'gtin':
      add({ ...base, input, expect: call.ok ? { ok: true, gtin14: call.gtin14 } : { ok: false } });
      break;
    case 'upc': {
      // UPC-E needs ]E0 to be told from EAN-8 at packgate (docs/barcodes.md); biip reads 8 digits as UPC-E.
      const upcE = /^\d{8}$/.test(input) && (input.startsWith('0') || input.startsWith('1'));
      add({ ...base, input: upcE ? `]E0${input}` : input, expect: call.ok ? { ok: true, gtin14: call.gtin14 } : { ok: false } });
      break;
    }
    case 'sscc':
      add({ ...base, input: /^\d+$/.test(input) ? `]C100${input}` : input, expect: call.ok ? { ok: true, ais: [['00', call.sscc]] } : { ok: false } });
      break;
    case 'parse': {
      const any = [];
      if (call.gs1) any.push({ ais: call.gs1 });
      if (call.dl) any.push({ ais: call.dl });
      if (call.gtin14) any.push({ gtin14: call.gtin14 });
      if (call.sscc) any.push({ ais: [['00', call.sscc]] });
      add({ ...base, input, expect: call.ok ? { ok: true, any } : { ok: false } });
      break;
    }
    default:
      throw new Error(`unknown biip call kind ${call.kind}`);
  }
}

const ids = new Set();
for (const vector of vectors) {
  if (ids.has(vector.id)) throw new Error(`duplicate id ${vector.id}`);
  ids.add(vector.id);
}
const out = {
  sources: {
    'gs1-syntax-engine': { repository: 'https://github.com/gs1/gs1-syntax-engine', commit: engineCommit, licence: 'Apache-2.0' },
    biip: { repository: 'https://github.com/jodal/biip', commit: biipCommit, licence: 'Apache-2.0' },
  },
  excluded,
  vectors,
};
const target = join(dirname(fileURLToPath(import.meta.url)), 'vectors.json');
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${vectors.length} vectors (${vectors.filter((v) => v.source === 'biip').length} biip), excluded: ${JSON.stringify(excluded)}`);
