/** A USB vendor or product id as a person writes it: four hex digits (`05e0`, `1200`). */
export function isUsbId(text: string): boolean {
  return /^[0-9a-f]{4}$/i.test(text);
}
