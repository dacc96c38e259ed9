/** A request to a running hub's `/api/v1` with a bearer token, and a JSON body if one is given. */
export function hubFetch(httpUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${httpUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
