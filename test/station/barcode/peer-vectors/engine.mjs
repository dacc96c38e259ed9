// Reading the GS1 Syntax Engine: its C test sources (extract.mjs, extract-lint.mjs) and what
// cross-engine.c prints (cross.mjs, extract-lint.mjs).

/** C string literal body → JS string (the escapes the engine's tests use). */
export function unescapeC(body) {
  return body.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/g, (_, e) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return { n: '\n', r: '\r', t: '\t', '0': '\0' }[e] ?? e;
  });
}

/**
 * Every call `name(arg, arg, …);` in C source, with its line and its arguments: string
 * arguments (adjacent literals joined) as JS strings, others as `{ code }`, their source text.
 */
export function calls(source, name) {
  const found = [];
  const head = new RegExp(`^[ \\t]*${name}\\(`, 'gm');
  for (let match; (match = head.exec(source)); ) {
    const line = source.slice(0, match.index).split('\n').length;
    let i = match.index + match[0].length;
    const args = [];
    let current = { text: '', string: null };
    let depth = 0;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === '"') {
        let j = i + 1;
        while (source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
        current.string = (current.string ?? '') + unescapeC(source.slice(i + 1, j));
        i = j;
      } else if (c === '/' && source[i + 1] === '/') {
        i = source.indexOf('\n', i);
      } else if (c === '/' && source[i + 1] === '*') {
        i = source.indexOf('*/', i) + 1;
      } else if (c === '(') {
        depth++;
        current.text += c;
      } else if ((c === ',' || c === ')') && depth === 0) {
        args.push(current.string ?? { code: current.text.trim() });
        current = { text: '', string: null };
        if (c === ')') break;
      } else {
        if (c === ')') depth--;
        current.text += c;
      }
    }
    const rest = source.slice(i + 1, source.indexOf('\n', i + 1));
    const comment = /\/\/\s*(.*)$/.exec(rest)?.[1]?.trim();
    found.push({ line, args, comment });
  }
  return found;
}

/** The engine's bracketed AI data, `(01)…(10)A\(B`, as [ai, value] pairs. */
export function bracketed(text) {
  return [...text.matchAll(/\((\d+)\)((?:\\\(|[^(])*)/g)].map((m) => [m[1], m[2].replace(/\\\(/g, '(')]);
}
