/** Frame bytes as ASCII text; bytes above 0x7E or control bytes make it undefined (garbled). */
export function asciiText(frame: Uint8Array, allowControl: readonly number[] = []): string | undefined {
  for (const byte of frame) {
    if ((byte < 0x20 && !allowControl.includes(byte)) || byte > 0x7e) return undefined;
  }
  return Buffer.from(frame).toString('latin1');
}

/** A decimal number as indicators print it (`0001.250`, `12.`, `.5`), or NaN. */
export function parseDecimal(text: string): number {
  return /^(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}
