import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../hub/hub.js';

interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Writes `request` as is on a new connection and reads the answer until the hub closes it (`Connection: close`). */
function raw(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let failed: Error | undefined;
    socket.on('data', (chunk) => chunks.push(chunk));
    // The hub may answer and close before it has read all of a large body: the answer counts.
    socket.on('error', (err) => (failed = err));
    socket.on('close', () => {
      if (chunks.length === 0 && failed) return reject(failed);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    // Not end(): a client's half-close makes Node drop the answers it has not written yet.
    socket.write(request);
  });
}

/** Issue #13, item 8: what fastify and Node answer by themselves is in the project's error envelope too. */
describe("the hub's own error answers", () => {
  let hub: Hub;
  let port: number;
  let token: string;
  beforeAll(async () => {
    hub = await Hub.start({ site: 'errs', host: '127.0.0.1', port: 0, mqttPort: 0 });
    port = Number(new URL(hub.httpUrl).port);
    token = await hub.createToken('admin', 'admin');
  });
  afterAll(() => hub.close());

  const request = (line: string, headers: string[] = [], body = '') =>
    [line, 'Host: hub', 'Connection: close', ...headers, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), '', body].join('\r\n');
  const json = ['Content-Type: application/json'];

  it.each([
    ['headers over the limit', () => request('GET /api/v1/health HTTP/1.1', [`X-Big: ${'a'.repeat(20_000)}`]), 431, 'HEADERS_TOO_LARGE'],
    ['a request that is not HTTP', () => 'NOT HTTP AT ALL\r\n\r\n', 400, 'BAD_REQUEST'],
    ['two Content-Length headers', () => request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, ...json, 'Content-Length: 1', 'Content-Length: 2']), 400, 'BAD_REQUEST'],
    ['a URL that is not valid percent-encoding', () => request('GET /api/v1/orders/%E0%A4%A HTTP/1.1'), 400, 'BAD_REQUEST'],
    ['an unknown route', () => request('GET /api/v1/nothing-here HTTP/1.1'), 404, 'NOT_FOUND'],
    ['an unknown method', () => request('PATCH /api/v1/health HTTP/1.1'), 404, 'NOT_FOUND'],
    ['bad JSON', () => request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, ...json], '{x}'), 400, 'BAD_REQUEST'],
    ['an empty JSON body', () => request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, ...json, 'Content-Length: 0']), 400, 'BAD_REQUEST'],
    ['a body over the limit', () => request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, ...json], `{"pad":"${'x'.repeat(1_100_000)}"}`), 413, 'BODY_TOO_LARGE'],
    // Issue #13, item 5: before, 4,109 levels or more ran the parser out of stack (a 500).
    ['a body nested deeper than 64', () => request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, ...json], `${'{"a":['.repeat(5000)}${']}'.repeat(5000)}`), 400, 'JSON_TOO_DEEP'],
    ['a body of a type no route reads', () => request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, 'Content-Type: text/x-mystery'], 'hi'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['the feed without an upgrade', () => request('GET /ws HTTP/1.1'), 426, 'UPGRADE_REQUIRED'],
    ['a path out of the page folder', () => request('GET /../package.json HTTP/1.1'), 403, 'FORBIDDEN'],
  ])('%s', async (_, make, status, code) => {
    const answer = await raw(port, make());
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    expect(body.error.message).not.toMatch(/FST_|statusCode/);
  });

  it('counts every refusal by code in /metrics', async () => {
    const counted = async (code: string) => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.text());
      return Number(new RegExp(`^packgate_http_refusals_total\\{code="${code}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    };
    const before = await counted('JSON_TOO_DEEP');
    const deep = `${'['.repeat(65)}${']'.repeat(65)}`;
    const refused = await raw(port, request('POST /api/v1/stops HTTP/1.1', [`Authorization: Bearer ${token}`, ...json], deep));
    expect(refused.status).toBe(400);
    expect(await counted('JSON_TOO_DEEP')).toBe(before + 1);
  });
});
