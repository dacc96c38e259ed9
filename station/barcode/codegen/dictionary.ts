import type { AiEntry, AiPart, Cset } from '../ai-entry.js';

/** A parsed GS1 Barcode Syntax Dictionary: its release and one entry per AI line. */
export interface Dictionary {
  readonly release: string;
  readonly entries: readonly AiEntry[];
}

/** A line of the dictionary that this parser cannot read: generation stops rather than guess. */
export class DictionaryError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`gs1-syntax-dictionary.txt line ${line}: ${message}`);
    this.name = 'DictionaryError';
  }
}

const RELEASE = /^#\s*Release:\s*(\S+)/;
// The dictionary's header: flag characters are allocated from this set.
const FLAGS = /^[*!?"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/;
const AI_OR_RANGE = /^(\d{2,4})(?:-(\d{2,4}))?$/;
const COMPONENT = /^(\[)?([NXYZ])(?:(\d+)|(\d*)\.\.(\d+))(\])?((?:,[a-z0-9]+)*)$/;
const AI_PATTERN = /^\d[\dn]{1,3}$/;

function component(token: string, line: number): AiPart | undefined {
  const match = COMPONENT.exec(token);
  if (!match) return undefined;
  const [, open, cset, fixed, minText, maxText, close, linterText] = match;
  if (Boolean(open) !== Boolean(close)) throw new DictionaryError(line, `unbalanced [ ] in "${token}"`);
  // "N18": exactly 18; "N..20": 1 to 20.
  const max = Number(fixed ?? maxText);
  const min = fixed !== undefined ? max : minText ? Number(minText) : 1;
  if (min > max || max === 0) throw new DictionaryError(line, `bad length in "${token}"`);
  const linters = (linterText ?? '').split(',').filter((name) => name !== '');
  return {
    cset: cset as Cset,
    min,
    max,
    ...(open ? { optional: true as const } : {}),
    ...(linters.length > 0 ? { linters } : {}),
  };
}

function patterns(list: string, line: number, separator: RegExp): string[] {
  const items = list.split(separator);
  for (const item of items) if (!AI_PATTERN.test(item)) throw new DictionaryError(line, `"${item}" is not an AI or pattern`);
  return items;
}

function checkParts(parts: readonly AiPart[], line: number): void {
  if (parts.length === 0) throw new DictionaryError(line, 'no format specification');
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    // Dictionary header: only the final component may have variable length, and no
    // mandatory component may follow an optional one.
    if (part.min !== part.max && !last) throw new DictionaryError(line, 'a variable-length component that is not the last');
    if (!part.optional && parts.slice(0, index).some((earlier) => earlier.optional)) {
      throw new DictionaryError(line, 'a mandatory component after an optional one');
    }
  });
}

function entry(text: string, line: number): AiEntry {
  const hash = text.indexOf('#');
  const title = hash < 0 ? '' : text.slice(hash + 1).trim();
  const tokens = (hash < 0 ? text : text.slice(0, hash)).trim().split(/\s+/);
  const aiMatch = AI_OR_RANGE.exec(tokens.shift() ?? '');
  if (!aiMatch) throw new DictionaryError(line, 'expected an AI or a range of AIs');
  const [, ai = '', last] = aiMatch;
  if (last !== undefined && (last.length !== ai.length || last <= ai)) throw new DictionaryError(line, `bad range ${ai}-${last}`);
  const flags = tokens[0] !== undefined && FLAGS.test(tokens[0]) ? (tokens.shift() ?? '') : '';
  const parts: AiPart[] = [];
  const requires: string[][][] = [];
  const excludes: string[] = [];
  let dlKey: string[][] | undefined;
  for (const token of tokens) {
    // Components come first; the first attribute ends them.
    const part = requires.length === 0 && excludes.length === 0 && dlKey === undefined ? component(token, line) : undefined;
    if (part) {
      parts.push(part);
    } else if (token.startsWith('req=')) {
      requires.push(token.slice(4).split(',').map((group) => patterns(group, line, /\+/)));
    } else if (token.startsWith('ex=')) {
      excludes.push(...patterns(token.slice(3), line, /,/));
    } else if (token === 'dlpkey') {
      dlKey = [[]];
    } else if (token.startsWith('dlpkey=')) {
      dlKey = token.slice(7).split('|').map((sequence) => patterns(sequence, line, /,/));
    } else {
      throw new DictionaryError(line, `cannot read "${token}"`);
    }
  }
  checkParts(parts, line);
  return {
    ai,
    ...(last !== undefined ? { last } : {}),
    title,
    fnc1: !flags.includes('*'),
    dlAttribute: flags.includes('?'),
    parts,
    ...(requires.length > 0 ? { requires } : {}),
    ...(excludes.length > 0 ? { excludes } : {}),
    ...(dlKey !== undefined ? { dlKey } : {}),
  };
}

/**
 * Parses the text of the GS1 Barcode Syntax Dictionary (the syntax its own header
 * describes). Throws {@link DictionaryError} on anything it cannot read, and when the
 * entries are out of the lexical order the dictionary keeps.
 */
export function parseDictionary(text: string): Dictionary {
  let release: string | undefined;
  const entries: AiEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) {
      release ??= RELEASE.exec(trimmed)?.[1];
      return;
    }
    if (trimmed === '') return;
    const parsed = entry(trimmed, line);
    const previous = entries.at(-1);
    if (previous && (previous.last ?? previous.ai) >= parsed.ai) throw new DictionaryError(line, `(${parsed.ai}) is out of lexical order`);
    entries.push(parsed);
  });
  if (release === undefined) throw new DictionaryError(1, 'no "# Release:" line');
  if (entries.length === 0) throw new DictionaryError(1, 'no AI entries');
  return { release, entries };
}
