/**
 * Field data is the only place text from orders reaches ZPL, and it must stay data.
 * ZPL II Programming Guide, ^FD: field data "can be any printable character except those used
 * as command prefixes (^ and ~)" — a `^` or `~` in data would start a command (`~JA` cancels
 * every queued label). ^FH: with the field hexadecimal indicator (default `_`) before ^FD, `_`
 * followed by two hex digits stands for that byte. So `^`, `~` and `_` itself are written as
 * hex escapes, and every field is preceded by ^FH.
 */
const HEX_ESCAPED: Readonly<Record<string, string>> = { '^': '_5E', '~': '_7E', _: '_5F' };

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: a label field is one line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SPECIAL = /[\^~_]/g;

/** Escapes text for a ^FH^FD field: ^ ~ _ as hex escapes, control characters as spaces. */
export function escapeFieldData(text: string): string {
  return text.replace(CONTROL, ' ').replace(SPECIAL, (char) => HEX_ESCAPED[char]!);
}

/** `^FH^FD…^FS` around escaped text. */
export function field(text: string): string {
  return `^FH^FD${escapeFieldData(text)}^FS`;
}

/**
 * ZPL II Programming Guide, ^BC "Code 128 invocation characters": in field data `>` followed by
 * a character switches subsets or inserts a function code; `><` encodes a literal `>`.
 */
export function escapeCode128(text: string): string {
  return text.replaceAll('>', '><');
}

/** A ^FX comment is ended by the next prefix character; this keeps only characters that cannot end or open anything. */
export function commentText(text: string): string {
  return text.replace(/[^A-Za-z0-9 #:._/-]/g, '?');
}
