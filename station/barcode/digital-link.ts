import { aiSpec } from './ai-table.js';
import { isDigits } from './check-digit.js';
import { isRejection, readElement } from './element-value.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

// GS1 Digital Link URI syntax: the primary keys (from this decoder's AI table) a path may carry.
const PRIMARY_KEYS: ReadonlySet<string> = new Set(['00', '01', '401', '402', '414']);
const HTTP = /^https?:\/\//i;

function decode(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

function element(ai: string, encoded: string, currentYear: number): ElementString | Rejection {
  const spec = aiSpec(ai);
  if (!spec) return reject(ScanRejection.UnknownAi, `unknown application identifier ${ai} in Digital Link`, ai);
  const value = decode(encoded);
  if (value === undefined) return reject(ScanRejection.MalformedDigitalLink, `bad percent-encoding in the value of ${ai}`, ai);
  // GS1 Digital Link: a GTIN-8/12/13 in the URI is the GTIN-14 with leading zeros dropped.
  const raw = ai === '01' && isDigits(value) && [8, 12, 13].includes(value.length) ? value.padStart(14, '0') : value;
  return readElement(spec, raw, currentYear);
}

/** True when the text is an http(s) URL, which may be a GS1 Digital Link. */
export function isHttpUrl(text: string): boolean {
  return HTTP.test(text);
}

/**
 * Reads a GS1 Digital Link URI (any host): the primary key and its qualifiers from the
 * path, read right to left as AI/value pairs, then numeric query keys as AIs. Non-numeric
 * query keys (linkType, utm_…) are ignored, as the standard allows. Returns null when the
 * URL carries no GS1 primary key: then it is an ordinary URL and the caller treats it as text.
 */
export function parseDigitalLink(url: string, currentYear: number): ElementString[] | Rejection | null {
  if (!isHttpUrl(url)) return null;
  const afterScheme = url.indexOf('//') + 2;
  const hash = url.indexOf('#');
  const withoutFragment = hash < 0 ? url : url.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const beforeQuery = question < 0 ? withoutFragment : withoutFragment.slice(0, question);
  const query = question < 0 ? '' : withoutFragment.slice(question + 1);
  const slash = beforeQuery.indexOf('/', afterScheme);
  const segments = slash < 0 ? [] : beforeQuery.slice(slash + 1).split('/');
  if (segments.at(-1) === '') segments.pop();

  const pairs: Array<[string, string]> = [];
  let primary = false;
  for (let i = segments.length; i >= 2 && !primary; i -= 2) {
    const key = segments[i - 2] ?? '';
    if (!aiSpec(key)) break;
    pairs.unshift([key, segments[i - 1] ?? '']);
    primary = PRIMARY_KEYS.has(key);
  }
  if (!primary) return null;

  for (const parameter of query.split('&')) {
    if (parameter === '') continue;
    const equals = parameter.indexOf('=');
    const key = equals < 0 ? parameter : parameter.slice(0, equals);
    if (isDigits(key)) pairs.push([key, equals < 0 ? '' : parameter.slice(equals + 1)]);
  }

  const elements: ElementString[] = [];
  for (const [ai, value] of pairs) {
    const parsed = element(ai, value, currentYear);
    if (isRejection(parsed)) return parsed;
    elements.push(parsed);
  }
  return elements;
}
