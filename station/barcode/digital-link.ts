import { aiSpec, aiSpecOrUnknown, type AiSpec } from './ai.js';
import { isDigits } from './check-digit.js';
import type { ParsedElements } from './element-string.js';
import { isRejection, readElement } from './element-value.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

const HTTP = /^https?:\/\//i;
// GS1 Digital Link URI syntax: the scheme in lower or upper case (QR alphanumeric mode), not mixed.
const DL_SCHEME = /^(?:https?|HTTPS?):\/\//;
// RFC 3986: the characters a URI may hold.
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_HOST_CHARACTER = /[_~?#@!$&'()*+,;=%]/;

function malformed(message: string, ai?: string): Rejection {
  return reject(ScanRejection.MalformedDigitalLink, message, ai);
}

/** True when the text is an http(s) URL, which may be a GS1 Digital Link. */
export function isHttpUrl(text: string): boolean {
  return HTTP.test(text);
}

function isPrimaryKey(ai: string): boolean {
  return aiSpec(ai)?.entry?.dlKey !== undefined;
}

/** The dictionary's `dlpkey`: the qualifiers after the key are an ordered pick from one of its sequences. */
function isKeyQualifierPath(ais: readonly string[]): boolean {
  const [key, ...qualifiers] = ais;
  const sequences = (key === undefined ? undefined : aiSpec(key)?.entry?.dlKey) ?? [];
  return sequences.some((sequence) => {
    let next = 0;
    return qualifiers.every((qualifier) => {
      while (next < sequence.length && sequence[next] !== qualifier) next++;
      return next++ < sequence.length;
    });
  });
}

/** Percent-decoding; in the query `+` is a space (HTML form encoding), as the GS1 Syntax Engine reads it. */
function decode(encoded: string, query: boolean): string | undefined {
  try {
    return decodeURIComponent(query ? encoded.replaceAll('+', ' ') : encoded);
  } catch {
    return undefined;
  }
}

function element(spec: AiSpec, encoded: string, query: boolean, currentYear: number): ElementString | Rejection {
  const value = decode(encoded, query);
  if (value === undefined) return malformed(`bad percent-encoding in the value of (${spec.ai})`, spec.ai);
  // A GTIN-8/12/13 for (01) in the path is the GTIN-14 (Digital Link before 1.2 allowed the short
  // forms, and retail QR codes were printed so). The URI syntax now takes 14 digits only; a query
  // (01) sits under another key, never on a retail unit's own code, so there it stays as written.
  const raw = !query && spec.ai === '01' && isDigits(value) && [8, 12, 13].includes(value.length) ? value.padStart(14, '0') : value;
  return readElement(spec, raw, currentYear);
}

interface Pair {
  readonly spec: AiSpec;
  readonly value: string;
}

/** The path's AI/value pairs, read right to left back to the rightmost primary key. */
function pathPairs(segments: readonly string[]): Pair[] | Rejection {
  const pairs: Pair[] = [];
  for (let i = segments.length; i >= 2; i -= 2) {
    const spec = aiSpec(segments[i - 2] ?? '');
    if (!spec) break;
    pairs.unshift({ spec, value: segments[i - 1] ?? '' });
    if (spec.entry?.dlKey) return pairs;
  }
  return malformed('the path does not end in a primary key and its qualifiers as AI/value pairs');
}

function queryPairs(query: string, path: readonly string[]): Pair[] | Rejection {
  const pairs: Pair[] = [];
  for (const parameter of query.split('&')) {
    const equals = parameter.indexOf('=');
    const key = parameter.slice(0, equals);
    // Parameters without a value and non-numeric keys (linkType, utm_…) are not AIs.
    if (equals < 0 || !isDigits(key)) continue;
    const spec = aiSpecOrUnknown(key);
    if (!spec) return reject(ScanRejection.UnknownAi, `query parameter ${key} is not an application identifier`, key);
    if (spec.entry && !spec.dlAttribute) return malformed(`(${key}) may not be a Digital Link query attribute`, key);
    for (let at = 1; at <= path.length && spec.entry; at++) {
      if (isKeyQualifierPath([...path.slice(0, at), key, ...path.slice(at)])) return malformed(`(${key}) is a key qualifier: it belongs in the path`, key);
    }
    pairs.push({ spec, value: parameter.slice(equals + 1) });
  }
  return pairs;
}

/**
 * Reads a GS1 Digital Link URI (any host, any path before the key) as the GS1 Syntax Engine
 * does: the path, right to left, back to the rightmost primary key; the key's qualifiers in
 * the order the dictionary gives; numeric query parameters as data attributes (`?` AIs that
 * are not qualifiers of the key); no AI twice. Returns null when the URL is no Digital Link
 * (no primary key AI followed by a path segment): then it is an ordinary URL, read as text.
 */
export function parseDigitalLink(url: string, currentYear: number): ParsedElements | Rejection | null {
  if (!DL_SCHEME.test(url)) return null;
  const afterScheme = url.indexOf('//') + 2;
  const hash = url.indexOf('#');
  const withoutFragment = hash < 0 ? url : url.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const beforeQuery = question < 0 ? withoutFragment : withoutFragment.slice(0, question);
  const slash = beforeQuery.indexOf('/', afterScheme);
  const segments = slash < 0 ? [] : beforeQuery.slice(slash + 1).split('/');
  if (!segments.some((segment, i) => i < segments.length - 1 && isPrimaryKey(segment))) return null;

  if (!URI_CHARACTERS.test(url)) return malformed('a character that a URI may not hold');
  const host = beforeQuery.slice(afterScheme, slash);
  if (host === '' || BAD_HOST_CHARACTER.test(host)) return malformed(`"${host}" is not a host name`);
  if (segments.at(-1) === '') return malformed('the path ends in "/"');
  const path = pathPairs(segments);
  if ('ok' in path) return path;
  const pathAis = path.map((pair) => pair.spec.ai);
  if (!isKeyQualifierPath(pathAis)) return malformed(`(${pathAis.join(')(')}): not the primary key's qualifiers in their order`, pathAis[0]);
  const query = queryPairs(question < 0 ? '' : withoutFragment.slice(question + 1), pathAis);
  if ('ok' in query) return query;

  const elements: ElementString[] = [];
  const seen = new Set<string>();
  for (const [index, { spec, value }] of [...path, ...query].entries()) {
    if (seen.has(spec.ai)) return reject(ScanRejection.DuplicateAi, `(${spec.ai}) appears twice in the Digital Link`, spec.ai);
    seen.add(spec.ai);
    const parsed = element(spec, value, index >= path.length, currentYear);
    if (isRejection(parsed)) return parsed;
    elements.push(parsed);
  }
  return { elements, unparsed: [] };
}
