import type { Page, WebSocketRoute } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { freePort } from '../../helpers/free-port.js';
import { seedShop } from '../../helpers/station.js';
import { tempDir } from '../../helpers/temp-dir.js';

async function stop(hub: Hub, token: string, orderNo: string): Promise<void> {
  const response = await fetch(`${hub.httpUrl}/api/v1/stops`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ orderId: `taobao:${orderNo}`, reason: 'manual' }),
  });
  expect(response.status).toBe(201);
}

/** Every hub alert is on the page exactly once, and nothing else is. */
async function expectEachAlertOnce(page: Page, hub: Hub): Promise<void> {
  const keys = hub.domainState.alerts.map((alert) => `a${alert.seq}`);
  for (const key of keys) await page.locator(`.alert-card[data-key="${key}"]`).waitFor();
  const shown = await page.locator('.alert-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-key')));
  expect(shown.sort()).toEqual(keys.sort());
}

describe('tablet page: losing the connection', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('says so plainly, and after it reconnects shows each alert raised meanwhile exactly once', async () => {
    const hub = await Hub.start({ site: 'ui-reconnect', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1', 'TB2', 'TB3', 'TB4']);
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    // The page's feed runs through this route: while `reachable` is false, every connection
    // attempt is closed at once, as if the hub were gone.
    let reachable = true;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/ws$/, (ws) => {
      if (!reachable) return ws.close();
      ws.connectToServer();
      open.push(ws);
    });
    await page.goto(`${hub.httpUrl}/#token=${token}`);
    await page.locator('.connection.connected').waitFor();
    await stop(hub, token, 'TB1');
    await expectEachAlertOnce(page, hub);

    reachable = false;
    for (const ws of open.splice(0)) await ws.close();
    await page.locator('.banner.offline').waitFor();
    expect(await page.locator('.banner.offline').textContent()).toContain('No connection to the hub');
    expect(await page.locator('.connection').textContent()).toBe('Disconnected');
    await stop(hub, token, 'TB2');
    await stop(hub, token, 'TB3');
    await screenshotBothSizes(page, 'alerts-disconnected');
    expect(await page.locator('.alert-card').count()).toBe(1);

    reachable = true;
    await page.locator('.connection.connected').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.banner.offline').count()).toBe(0);
    await stop(hub, token, 'TB4');
    await expectEachAlertOnce(page, hub);
    expect(hub.domainState.alerts.filter((alert) => alert.kind === 'task-stopped')).toHaveLength(4);
  }, 30_000);

  it('comes back after the hub stops and starts again on the same port, missing and doubling nothing', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const port = await freePort();
    const options = { site: 'ui-restart', host: '127.0.0.1', port, mqttPort: 0, dataDir: dir.path };
    let hub = await Hub.start(options);
    cleanups.push(() => hub.close()); // whichever hub is running at the end
    seedShop(hub, ['TB1', 'TB2', 'TB3']);
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${hub.httpUrl}/#token=${token}`);
    await page.locator('.connection.connected').waitFor();
    await stop(hub, token, 'TB1');
    await expectEachAlertOnce(page, hub);

    await hub.close();
    await page.locator('.banner.offline').waitFor();
    hub = await Hub.start(options);
    await stop(hub, token, 'TB2');
    await stop(hub, token, 'TB3');
    await page.locator('.connection.connected').waitFor({ timeout: 15_000 });
    await expectEachAlertOnce(page, hub);
    expect(hub.domainState.alerts.filter((alert) => alert.kind === 'task-stopped')).toHaveLength(3);
  }, 30_000);
});
