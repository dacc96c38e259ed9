import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApiTestApp, DRESS, type ApiTestApp } from '../../../../helpers/api-app.js';

describe('mapping history API', () => {
  let api: ApiTestApp;
  beforeEach(async () => {
    api = await buildApiTestApp();
  });
  afterEach(() => api.close());

  const put = (payload: object) => api.request('manager', { method: 'PUT', url: '/api/v1/mappings', payload });
  const get = (url: string) => api.request('viewer', { method: 'GET', url });

  /** v1 the dress, v2 baby shoes, v3 a near-duplicate shoe row, v4 the dress re-pointed (pending), v5 confirmed. */
  async function history() {
    await put({ ...DRESS, note: 'first sheet' });
    await put({ channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' });
    await put({ channel: 'douyin', channelSku: 'DY-BABY-SH-01', masterSku: 'BABY-SH-02' });
    await put({ ...DRESS, masterSku: 'DRESS-RED-L' });
    await api.request('manager', { method: 'POST', url: '/api/v1/mappings/confirm', payload: { channel: DRESS.channel, channelSku: DRESS.channelSku } });
  }

  describe('GET /api/v1/mappings/log', () => {
    it('lists every change with who, when and why, from a version on', async () => {
      await history();
      const res = await get('/api/v1/mappings/log');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.version).toBe(5);
      expect(body.entries.map((e: { version: number; kind: string }) => [e.version, e.kind])).toEqual([
        [1, 'set'],
        [2, 'set'],
        [3, 'set'],
        [4, 'set'],
        [5, 'confirmed'],
      ]);
      expect(body.entries[0]).toEqual({
        version: 1,
        at: expect.any(String),
        by: 'floor manager',
        channel: 'taobao',
        channelSku: DRESS.channelSku,
        kind: 'set',
        to: DRESS.masterSku,
        note: 'first sheet',
      });
      expect(body.entries[3]).toMatchObject({ from: DRESS.masterSku, to: 'DRESS-RED-L' });
      const page = await get('/api/v1/mappings/log?since=3&limit=1');
      expect(page.json().entries.map((e: { version: number }) => e.version)).toEqual([4]);
    });
  });

  describe('GET /api/v1/mappings/diff', () => {
    it('compares two versions: added, changed, unchanged and near duplicates', async () => {
      await history();
      const res = await get('/api/v1/mappings/diff?from=1');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        from: 1,
        to: 5,
        added: [
          { channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' },
          { channel: 'douyin', channelSku: 'DY-BABY-SH-01', masterSku: 'BABY-SH-02' },
        ],
        removed: [],
        changed: [{ key: `taobao:${DRESS.channelSku}`, before: DRESS, after: { ...DRESS, masterSku: 'DRESS-RED-L' } }],
        unchanged: 0,
        nearDuplicates: [
          {
            row: { channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' },
            similar: { channel: 'douyin', channelSku: 'DY-BABY-SH-01', masterSku: 'BABY-SH-02' },
            distance: 0,
            sameMaster: false,
          },
        ],
      });
      const back = await get('/api/v1/mappings/diff?from=3&to=2');
      expect(back.json()).toMatchObject({ added: [], removed: [{ channelSku: 'DY-BABY-SH-01' }], changed: [], unchanged: 2 });
    });

    it('is 404 MAPPING_VERSION_NOT_FOUND beyond the newest version and 400 without from', async () => {
      await put(DRESS);
      const beyond = await get('/api/v1/mappings/diff?from=0&to=2');
      expect(beyond.statusCode).toBe(404);
      expect(beyond.json().error.code).toBe('MAPPING_VERSION_NOT_FOUND');
      const missing = await get('/api/v1/mappings/diff');
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.code).toBe('BAD_REQUEST');
    });
  });
});
