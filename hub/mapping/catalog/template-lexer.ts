import { TemplateError, problem, type Problem, type TemplateErrorCode } from '../../domain/catalog-errors.js';

/** Templates are short; a longer one is refused before it is read (`TEMPLATE_TOO_LONG`). */
export const MAX_TEMPLATE_LENGTH = 256;

/** One token of a template, with its 0-based offset in the source. */
export type Token =
  | { readonly kind: 'text'; readonly value: string; readonly position: number }
  | { readonly kind: 'name'; readonly value: string; readonly position: number }
  | { readonly kind: 'int'; readonly value: number; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'open' | 'close' | 'pipe' | 'lparen' | 'rparen' | 'comma' | 'end'; readonly position: number };

export type LexResult = { readonly ok: true; readonly tokens: readonly Token[] } | Problem<TemplateErrorCode>;

/** Characters fixed text may hold: those of a channel SKU. */
export const TEXT_CHAR = /[A-Za-z0-9_.:/+-]/;
const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const PUNCTUATION = { '|': 'pipe', '(': 'lparen', ')': 'rparen', ',': 'comma' } as const;
const MAX_DIGITS = 6;

function describe(char: string): string {
  return char === ' ' ? 'a space' : JSON.stringify(char);
}

/**
 * Splits a template into tokens: fixed text outside braces; names, integers, strings and
 * punctuation inside them. Refuses what no template can hold (`TEMPLATE_SYNTAX`, with the
 * offset of the offending character).
 */
export function tokenize(source: string): LexResult {
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return problem(TemplateError.TooLong, `a template is at most ${MAX_TEMPLATE_LENGTH} characters, this one ${source.length}`, { position: MAX_TEMPLATE_LENGTH });
  }
  const tokens: Token[] = [];
  const syntax = (message: string, position: number) => problem(TemplateError.Syntax, `${message} at ${position}`, { position });
  let i = 0;
  let open = -1; // offset of the `{` we are inside, or -1
  while (i < source.length) {
    const char = source[i]!;
    if (open === -1) {
      if (char === '{') {
        tokens.push({ kind: 'open', position: i });
        open = i++;
      } else if (char === '}') {
        return syntax('"}" without a "{"', i);
      } else if (TEXT_CHAR.test(char)) {
        const start = i;
        while (i < source.length && TEXT_CHAR.test(source[i]!)) i++;
        tokens.push({ kind: 'text', value: source.slice(start, i), position: start });
      } else {
        return syntax(`${describe(char)} cannot be part of a channel SKU`, i);
      }
      continue;
    }
    if (char === ' ' || char === '\t') {
      i++;
    } else if (char === '}') {
      tokens.push({ kind: 'close', position: i++ });
      open = -1;
    } else if (char === '{') {
      return syntax('a "{" inside a placeholder', i);
    } else if (NAME_START.test(char)) {
      const start = i;
      while (i < source.length && NAME_CHAR.test(source[i]!)) i++;
      tokens.push({ kind: 'name', value: source.slice(start, i), position: start });
    } else if (DIGIT.test(char) || (char === '-' && DIGIT.test(source[i + 1] ?? ''))) {
      const start = i++;
      while (i < source.length && DIGIT.test(source[i]!)) i++;
      const text = source.slice(start, i);
      if (text.replace('-', '').length > MAX_DIGITS) return syntax(`a number of more than ${MAX_DIGITS} digits`, start);
      tokens.push({ kind: 'int', value: Number(text), position: start });
    } else if (char === '"' || char === "'") {
      const start = i++;
      while (i < source.length && source[i] !== char && source[i] !== '\n') i++;
      if (source[i] !== char) return syntax('a string without its closing quote', start);
      tokens.push({ kind: 'string', value: source.slice(start + 1, i), position: start });
      i++;
    } else if (Object.hasOwn(PUNCTUATION, char)) {
      tokens.push({ kind: PUNCTUATION[char as keyof typeof PUNCTUATION], position: i++ });
    } else {
      return syntax(`${describe(char)} inside a placeholder`, i);
    }
  }
  if (open !== -1) return syntax('a "{" without its "}"', open);
  tokens.push({ kind: 'end', position: source.length });
  return { ok: true, tokens };
}
