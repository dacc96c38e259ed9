/**
 * The GS1 mod-10 check digit (GenSpecs 7.9.1): weights 3 and 1 alternate from the
 * rightmost data digit, which has weight 3. The same algorithm serves GTIN-8/12/13/14,
 * SSCC (18), GLN (13) and GSIN (17). `body` must be all ASCII digits.
 */
export function mod10CheckDigit(body: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += (body.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of an all-digit `code` is its mod-10 check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (code.length < 2) return false;
  return mod10CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** True when `text` is non-empty and only ASCII digits. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Left-pads a GTIN-8/12/13 with zeros to the GTIN-14 used for every lookup. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/**
 * Expands an 8-digit UPC-E (number system, six data digits, check digit) to its 12-digit
 * UPC-A. Returns undefined when the number system is not 0 or 1. The check digit is
 * carried over unverified: verify the UPC-A.
 */
export function expandUpcE(upcE: string): string | undefined {
  const ns = upcE.charAt(0);
  if (upcE.length !== 8 || (ns !== '0' && ns !== '1')) return undefined;
  const d = upcE.slice(1, 7);
  const check = upcE.charAt(7);
  const last = d.charAt(5);
  let body: string;
  // GS1 GenSpecs 5.2.2.4.2: the sixth data digit says where the zeros go.
  if (last === '0' || last === '1' || last === '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d.charAt(4)}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return `${ns}${body}${check}`;
}
