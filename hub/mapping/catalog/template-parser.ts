import { TemplateError, problem, type Problem, type TemplateErrorCode } from '../../domain/catalog-errors.js';
import { CORE_ATTRIBUTES } from '../../domain/catalog/master-sku.js';
import { normaliseName } from '../../domain/catalog/normalise.js';
import { checkArguments, isTemplateFunction, type TemplateFunctionName } from './template-functions.js';
import { tokenize, type Token } from './template-lexer.js';

/** One function call in a placeholder, `pad(3)`. */
export interface TemplateCall {
  readonly name: TemplateFunctionName;
  readonly args: ReadonlyArray<string | number>;
  readonly position: number;
}

/** Fixed text, or a field with the calls applied to it in order. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string; readonly position: number }
  | { readonly kind: 'field'; readonly field: string; readonly calls: readonly TemplateCall[]; readonly position: number };

/** A parsed template: checked once, evaluated for every catalog item. */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** The fields it reads, normalised, each once. */
  readonly fields: readonly string[];
}

/** Fields every item has (`sku` is the master SKU id), then the core attributes. */
export const DEFAULT_TEMPLATE_FIELDS: readonly string[] = ['sku', 'brand', 'category', ...CORE_ATTRIBUTES];

export interface ParseOptions {
  /**
   * The fields a placeholder may name; default {@link DEFAULT_TEMPLATE_FIELDS}. Use
   * `templateFields(catalog)` to allow every attribute a catalog has.
   */
  readonly fields?: Iterable<string>;
}

export type ParseResult = { readonly ok: true; readonly template: Template } | Problem<TemplateErrorCode>;

/**
 * Parses and checks a channel rule template (grammar in `docs/mapping.md`):
 * `DY-{category}-{colour}-{size}-{year|right(2)}`. Never evaluates code: a template is text,
 * fields and a fixed set of functions. A refusal carries a stable code and the 0-based offset
 * of the fault: `TEMPLATE_SYNTAX`, `TEMPLATE_TOO_LONG`, `TEMPLATE_UNKNOWN_FIELD`,
 * `TEMPLATE_UNKNOWN_FUNCTION`, `TEMPLATE_BAD_ARGUMENT`.
 */
export function parseTemplate(source: string, options: ParseOptions = {}): ParseResult {
  const lexed = tokenize(source);
  if (!lexed.ok) return lexed;
  const known = new Set([...(options.fields ?? DEFAULT_TEMPLATE_FIELDS)].map(normaliseName));
  const tokens = lexed.tokens;
  let at = 0;
  const peek = (): Token => tokens[at]!;
  const syntax = (message: string, token: Token) =>
    problem(TemplateError.Syntax, `${message} at ${token.position}`, { position: token.position });

  const parts: TemplatePart[] = [];
  const fields = new Set<string>();
  while (peek().kind !== 'end') {
    const token = tokens[at++]!;
    if (token.kind === 'text') {
      parts.push({ kind: 'text', text: token.value, position: token.position });
      continue;
    }
    // Only text and `{` occur outside a placeholder (the lexer sees to it).
    const name = peek();
    if (name.kind !== 'name') return syntax('a placeholder starts with a field name', name);
    at++;
    const field = normaliseName(name.value);
    if (!known.has(field)) {
      return problem(TemplateError.UnknownField, `no field ${JSON.stringify(name.value)} at ${name.position}; fields: ${[...known].join(', ')}`, {
        position: name.position,
        field: name.value,
      });
    }
    fields.add(field);
    const calls: TemplateCall[] = [];
    while (peek().kind === 'pipe') {
      at++;
      const fn = peek();
      if (fn.kind !== 'name') return syntax('a function name after "|"', fn);
      at++;
      if (!isTemplateFunction(fn.value)) {
        return problem(TemplateError.UnknownFunction, `no function ${JSON.stringify(fn.value)} at ${fn.position}`, { position: fn.position });
      }
      const args: Array<string | number> = [];
      const argTokens: Token[] = [];
      if (peek().kind === 'lparen') {
        const lparen = tokens[at++]!;
        if (peek().kind !== 'rparen') {
          for (;;) {
            const arg = peek();
            if (arg.kind !== 'int' && arg.kind !== 'string') return syntax('a number or a quoted string', arg);
            args.push(arg.value);
            argTokens.push(arg);
            at++;
            if (peek().kind === 'comma') at++;
            else break;
          }
        }
        if (peek().kind !== 'rparen') return syntax(`")" to close the "(" at ${lparen.position}`, peek());
        at++;
      }
      const bad = checkArguments(fn.value, args);
      if (bad) {
        const position = argTokens[bad.index]?.position ?? fn.position;
        return problem(TemplateError.BadArgument, `${bad.message} (at ${position})`, { position });
      }
      calls.push({ name: fn.value, args, position: fn.position });
    }
    const close = peek();
    if (close.kind !== 'close') return syntax('"|" or "}"', close);
    at++;
    parts.push({ kind: 'field', field, calls, position: name.position });
  }
  if (parts.length === 0) return problem(TemplateError.Syntax, 'an empty template at 0', { position: 0 });
  return { ok: true, template: { source, parts, fields: [...fields] } };
}
