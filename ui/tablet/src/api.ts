/** An answer of the hub's API: the body, or the error code it sent (`NETWORK` when none came). */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly code: string };

/** `/api/v1` with the page's bearer token. */
export class Api {
  constructor(private readonly token: string) {}

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.#call<T>('GET', path);
  }

  post<T>(path: string): Promise<ApiResult<T>> {
    return this.#call<T>('POST', path);
  }

  async #call<T>(method: string, path: string): Promise<ApiResult<T>> {
    try {
      const response = await fetch(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${this.token}` } });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return { ok: true, value: body as T };
      const code = (body as { error?: { code?: string } } | null)?.error?.code ?? `HTTP_${response.status}`;
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
