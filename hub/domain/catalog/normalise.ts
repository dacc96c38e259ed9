/**
 * The one normalisation master attributes go through, and the short hash the ids and templates
 * use. Documented in `docs/mapping.md` ("Master SKU ids").
 */

/** Crockford's base 32: no I, L, O or U, so a hash reads back without confusion. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A short stable hash of `text`: the low `width` (1–7) base-32 digits of its FNV-1a 32-bit
 * hash, upper-case. `shortHash('RED', 4)` is the same on every machine and every run.
 */
export function shortHash(text: string, width: number): string {
  let value = fnv1a32(text);
  let digits = '';
  for (let i = 0; i < 7; i++) {
    digits = BASE32[value % 32]! + digits;
    value = Math.floor(value / 32);
  }
  return digits.slice(7 - Math.max(1, Math.min(7, width)));
}

/** What a normalised value is made of: A–Z, 0–9, and `_` between words. */
const NON_CODE = /[^A-Z0-9]+/g;
const FOREIGN = /[^\p{ASCII}]/u;
const ALNUM = /[\p{L}\p{N}]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Normalises one attribute value for ids and templates:
 * 1. Unicode NFKC (full-width `ＲＥＤ` is `RED`), then accents dropped (`Crème` is `CREME`);
 * 2. upper case;
 * 3. every run of other characters (spaces, `-`, `/`, `.` …) becomes one `_`, none at the ends;
 * 4. letters or digits outside ASCII (`红色`) cannot be spelt in a code: they become `U` and a
 *    5-digit hash of the value, after what ASCII there was (`红色 XL` is `XL_U…`), so two
 *    such values never fall together.
 * Returns `''` when nothing is left (`'---'`).
 */
export function normaliseValue(value: string): string {
  // Printable ASCII is its own NFKC and NFKD and has no marks: skip the Unicode work (most values).
  if (PRINTABLE_ASCII.test(value)) return value.trim().toUpperCase().replace(NON_CODE, '_').replace(/^_+|_+$/g, '');
  const composed = value.normalize('NFKC').trim();
  const plain = composed.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  const ascii = plain.replace(NON_CODE, '_').replace(/^_+|_+$/g, '');
  const foreign = [...plain].some((char) => FOREIGN.test(char) && ALNUM.test(char));
  if (!foreign) return ascii;
  const tag = `U${shortHash(composed.toUpperCase(), 5)}`;
  return ascii === '' ? tag : `${ascii}_${tag}`;
}

/** Attribute names: lower case, `-` and spaces as `_`; `color` is `colour`. */
export function normaliseName(name: string): string {
  const key = name.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ATTRIBUTE_ALIASES[key] ?? key;
}

const ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { color: 'colour' }),
);
