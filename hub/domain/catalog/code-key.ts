/**
 * The form near-miss detection compares channel codes in: upper case, leading zeros of every
 * digit run dropped, then separators dropped. `DY-BABY-SH-01`, `dy_baby_sh_001` and
 * `DYBABYSH1` are one code: `DYBABYSH1`.
 */
export function codeKey(code: string): string {
  return code
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''))
    .replace(/[^A-Z0-9]+/g, '');
}
