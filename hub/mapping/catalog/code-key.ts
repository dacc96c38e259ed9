/**
 * The form near-miss detection compares channel codes in: upper case, leading zeros of every
 * digit run dropped, then separators dropped. `DY-BABY-SH-01`, `dy_baby_sh_001` and
 * `DYBABYSH1` are one code: `DYBABYSH1`.
 */
export function codeKey(code: string): string {
  return asciiCodeKey(code) ?? codeKeyOfText(code);
}

/** The definition, for any text (NFKC and full Unicode upper case can change what a character is). */
export function codeKeyOfText(code: string): string {
  return code
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''))
    .replace(/[^A-Z0-9]+/g, '');
}

let out = new Uint8Array(64);

/**
 * {@link codeKeyOfText} in one pass for ASCII codes (NFKC leaves ASCII as it is), without
 * regular expressions; `undefined` for any other text.
 */
function asciiCodeKey(code: string): string | undefined {
  if (code.length > 4096) return undefined;
  if (out.length < code.length) out = new Uint8Array(code.length * 2);
  let length = 0;
  let changed = false;
  let zeroPending = false; // a run of only zeros so far: its last zero is written when the run ends
  let inRun = false;
  for (let i = 0; i < code.length; i++) {
    let c = code.charCodeAt(i);
    if (c >= 128) return undefined;
    if (c >= 48 && c <= 57) {
      if (!inRun) {
        inRun = true;
        zeroPending = c === 48;
        if (zeroPending) {
          changed = true;
          continue;
        }
      } else if (zeroPending) {
        if (c === 48) continue;
        zeroPending = false;
      }
      out[length++] = c;
      continue;
    }
    if (zeroPending) out[length++] = 48;
    inRun = zeroPending = false;
    if (c >= 97 && c <= 122) c -= 32;
    else if (c < 65 || c > 90) {
      changed = true;
      continue;
    }
    if (c !== code.charCodeAt(i)) changed = true;
    out[length++] = c;
  }
  if (zeroPending) out[length++] = 48;
  if (!changed) return code;
  return String.fromCharCode.apply(null, out.subarray(0, length) as unknown as number[]);
}
