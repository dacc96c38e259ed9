import { PackgateError } from '../../common/errors.js';

/**
 * A caller of the hub's HTTP API from outside, as a refund bot or an ERP would be: bearer
 * token, JSON in and out. A refusal throws HUB_API_REFUSED naming the status and the hub's error code.
 */
export class ApiCaller {
  constructor(
    private readonly httpUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.httpUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
    if (!response.ok) {
      throw new PackgateError('HUB_API_REFUSED', `${method} ${path}: ${response.status} ${answer.error?.code ?? ''} ${answer.error?.message ?? response.statusText}`);
    }
    return answer;
  }
}
