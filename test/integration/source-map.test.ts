import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packageRoot } from '../../common/paths.js';
import { Hub } from '../../hub/hub.js';

const TABLET = join(packageRoot(), 'dist', 'ui', 'tablet');

/** Issue #13, item 8: the tablet page's source (its source maps) is not handed to anyone without a token. */
describe('the tablet page source maps', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('are served with a token only, however the path is spelt; the page itself needs none', async () => {
    expect(existsSync(join(TABLET, 'app.js.map')), 'run `npm run build` first').toBe(true);
    const hub = await Hub.start({ site: 'maps', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const viewer = await hub.createToken('wall', 'viewer');
    const get = (path: string, token?: string) => fetch(`${hub.httpUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

    for (const path of ['/app.js.map', '/app.css.map']) {
      const refused = await get(path);
      expect(refused.status, path).toBe(401);
      expect(await refused.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'a bearer token is required' } });
      const served = await get(path, viewer);
      expect(served.status, path).toBe(200);
      expect(((await served.json()) as { version: number }).version).toBe(3);
    }
    for (const path of ['/APP.JS.MAP', '/app.js.ma%70', '/app.js.map.', '/./app.js.map?x=1', '/app%2Ejs%2Emap']) {
      const response = await get(path);
      expect(response.status, path).not.toBe(200);
      expect(await response.text(), path).not.toContain('"sources"');
    }
    const page = await get('/');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('app.js');
    const script = await get('/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('sourceMappingURL=app.js.map');
  });
});
