/** An answer of the hub's API: the body, or the error code it sent (`NETWORK` when none came). */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly code: string };

/** `/api/v1` with the page's bearer token. */
export class Api {
  constructor(private readonly token: string) {}

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.#call<T>('GET', path);
  }

  /** POST with a JSON body, or none. */
  post<T>(path: string, body?: unknown): Promise<ApiResult<T>> {
    return this.#call<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.#call<T>('PUT', path, body);
  }

  /** GET a file (a clip, a photo, an export) as a Blob; errors as for JSON. */
  async blob(path: string): Promise<ApiResult<Blob>> {
    try {
      const response = await fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${this.token}` } });
      if (response.ok) return { ok: true, value: await response.blob() };
      const answer: unknown = await response.json().catch(() => null);
      const code = (answer as { error?: { code?: string } } | null)?.error?.code ?? `HTTP_${response.status}`;
      return { ok: false, status: response.status, code };
    } catch {
      return { ok: false, status: 0, code: 'NETWORK' };
    }
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(`/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const answer: unknown = await response.json().catch(() => null);
      if (response.ok) return { ok: true, value: answer as T };
      const code = (answer as { error?: { code?: string } } | null)?.error?.code ?? `HTTP_${response.status}`;
      return { ok: false, status: response.status, code };
    } catch {
      return { ok: false, status: 0, code: 'NETWORK' };
    }
  }
}

/** A path segment: order ids carry `:` and may carry `/`. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
