/**
 * Which file of the station page a request names, as pure logic: the server lists the page's
 * folder once and serves only those names, so no path can reach outside it.
 */

/** Content types of the files the page is made of; a file of any other kind is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The methods a static file answers. */
export const STATIC_METHODS = ['GET', 'HEAD'] as const;

/** The content type of a file name, or undefined for a kind the page does not use. */
export function contentTypeOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? CONTENT_TYPES[name.slice(dot + 1)] : undefined;
}

/** The names of a folder's entries that may be served: plain files of a known content type. */
export function servableNames(entries: ReadonlyArray<{ readonly name: string; isFile(): boolean }>): ReadonlySet<string> {
  return new Set(entries.filter((entry) => entry.isFile() && contentTypeOf(entry.name) !== undefined).map((entry) => entry.name));
}

export interface StaticRefusal {
  readonly status: 400 | 404 | 405;
  readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'METHOD_NOT_ALLOWED';
  readonly message: string;
}

/**
 * The file a request names (`/` is `index.html`), or why it is refused. The path is decoded once
 * and must then be one of `names` exactly: `..`, slashes and backslashes never match a name.
 */
export function staticTarget(method: string, rawUrl: string, names: ReadonlySet<string>): { readonly name: string } | StaticRefusal {
  const path = rawUrl.split('?', 1)[0]!;
  let name: string;
  try {
    name = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'the path is not valid percent-encoding' };
  }
  if (!path.startsWith('/') || name.includes('\0')) return { status: 400, code: 'BAD_REQUEST', message: 'bad path' };
  if (!names.has(name)) return { status: 404, code: 'NOT_FOUND', message: `no file ${path}` };
  if (!(STATIC_METHODS as readonly string[]).includes(method)) {
    return { status: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed; use ${STATIC_METHODS.join(' or ')}` };
  }
  return { name };
}
