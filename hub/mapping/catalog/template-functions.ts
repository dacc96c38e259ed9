import { shortHash } from '../../domain/catalog/normalise.js';

/** The kind and range of one function parameter. */
interface Param {
  readonly name: string;
  readonly kind: 'int' | 'string';
  readonly optional?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** For strings: only channel-SKU characters; `empty` allows ''. */
  readonly codeText?: 'nonempty' | 'empty';
  /** For strings: exactly one character. */
  readonly single?: boolean;
}

type Arg = string | number;

interface TemplateFunction {
  readonly params: readonly Param[];
  /** Maps the value so far (undefined: the item has no such field) to the next. */
  apply(value: string | undefined, args: readonly Arg[]): string | undefined;
}

const chars = (value: string) => [...value];
const int = (args: readonly Arg[], i: number, fallback: number) => (typeof args[i] === 'number' ? (args[i] as number) : fallback);
const str = (args: readonly Arg[], i: number, fallback: string) => (typeof args[i] === 'string' ? (args[i] as string) : fallback);
const LIMIT = 64;

/**
 * Every function a placeholder can call, `{field|name(args)}`, applied left to right. Each maps
 * a missing value to a missing value, except `default`. Documented in `docs/mapping.md`.
 */
export const TEMPLATE_FUNCTIONS = {
  upper: { params: [], apply: (value) => value?.toUpperCase() },
  lower: { params: [], apply: (value) => value?.toLowerCase() },
  left: {
    params: [{ name: 'count', kind: 'int', min: 1, max: LIMIT }],
    apply: (value, args) => (value === undefined ? undefined : chars(value).slice(0, int(args, 0, 0)).join('')),
  },
  right: {
    params: [{ name: 'count', kind: 'int', min: 1, max: LIMIT }],
    apply: (value, args) => (value === undefined ? undefined : chars(value).slice(-int(args, 0, 0)).join('')),
  },
  slice: {
    params: [
      { name: 'start', kind: 'int', min: -LIMIT, max: LIMIT },
      { name: 'end', kind: 'int', optional: true, min: -LIMIT, max: LIMIT },
    ],
    apply: (value, args) => {
      if (value === undefined) return undefined;
      const all = chars(value);
      return all.slice(int(args, 0, 0), typeof args[1] === 'number' ? args[1] : all.length).join('');
    },
  },
  pad: {
    params: [
      { name: 'width', kind: 'int', min: 1, max: LIMIT },
      { name: 'char', kind: 'string', optional: true, codeText: 'nonempty', single: true },
    ],
    apply: (value, args) => {
      if (value === undefined) return undefined;
      const width = int(args, 0, 0);
      const length = chars(value).length;
      return length >= width ? value : str(args, 1, '0').repeat(width - length) + value;
    },
  },
  hash: {
    params: [{ name: 'width', kind: 'int', optional: true, min: 1, max: 7 }],
    apply: (value, args) => (value === undefined ? undefined : shortHash(value, int(args, 0, 4))),
  },
  replace: {
    params: [
      { name: 'from', kind: 'string' },
      { name: 'to', kind: 'string', codeText: 'empty' },
    ],
    apply: (value, args) => value?.split(str(args, 0, '')).join(str(args, 1, '')),
  },
  default: {
    params: [{ name: 'text', kind: 'string', codeText: 'nonempty' }],
    apply: (value, args) => value ?? str(args, 0, ''),
  },
} as const satisfies Record<string, TemplateFunction>;

export type TemplateFunctionName = keyof typeof TEMPLATE_FUNCTIONS;

export function isTemplateFunction(name: string): name is TemplateFunctionName {
  return Object.hasOwn(TEMPLATE_FUNCTIONS, name);
}

const CODE_TEXT = /^[A-Za-z0-9_.:/+-]*$/;

/** Why `args` do not fit the function's parameters, or undefined; `index` is the argument at fault. */
export function checkArguments(name: TemplateFunctionName, args: readonly Arg[]): { message: string; index: number } | undefined {
  const params: readonly Param[] = TEMPLATE_FUNCTIONS[name].params;
  const required = params.filter((param) => !param.optional).length;
  if (args.length < required || args.length > params.length) {
    const count = required === params.length ? `${required}` : `${required} to ${params.length}`;
    return { message: `${name} takes ${count} argument${params.length === 1 ? '' : 's'}, not ${args.length}`, index: Math.min(args.length, params.length) };
  }
  for (const [index, arg] of args.entries()) {
    const param = params[index]!;
    const where = `${name}: ${param.name}`;
    if (param.kind === 'int') {
      if (typeof arg !== 'number') return { message: `${where} is a whole number`, index };
      if (arg < (param.min ?? -Infinity) || arg > (param.max ?? Infinity)) return { message: `${where} is ${param.min} to ${param.max}, not ${arg}`, index };
    } else {
      if (typeof arg !== 'string') return { message: `${where} is a quoted string`, index };
      if (param.codeText && !CODE_TEXT.test(arg)) return { message: `${where} may hold only A-Z a-z 0-9 _ . : / + -`, index };
      if (param.codeText !== 'empty' && arg === '') return { message: `${where} cannot be empty`, index };
      if (param.single && [...arg].length !== 1) return { message: `${where} is one character`, index };
    }
  }
  return undefined;
}

/** Applies one call to a value. */
export function applyFunction(name: TemplateFunctionName, value: string | undefined, args: readonly Arg[]): string | undefined {
  const fn: TemplateFunction = TEMPLATE_FUNCTIONS[name];
  return fn.apply(value, args);
}
