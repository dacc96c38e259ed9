import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
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

/** The order each hub alert card names, by card key. */
async function ordersOnCards(page: Page): Promise<Record<string, string | null>> {
  const cards = await page.locator('.alert-card').evaluateAll((nodes) =>
    nodes.map((card) => [card.getAttribute('data-key'), card.querySelector('.fact.order dd')?.textContent ?? null] as const),
  );
  return Object.fromEntries(cards);
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
    await openTablet(page, hub.httpUrl, token);
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
    await openTablet(page, hub.httpUrl, token);
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

  it('loads the hub state and follows the feed from its sequence: records stored in between appear exactly once', async () => {
    const hub = await Hub.start({ site: 'ui-handover', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1', 'TB2', 'TB3', 'TB4']);
    const token = await hub.createToken('Li Na', 'manager');
    await stop(hub, token, 'TB1');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    // The state is fetched at the hub, then two stops are stored before the page gets it and
    // subscribes from its sequence.
    let stateSeq = 0;
    await page.route('**/api/v1/tablet/state', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { seq: number; alerts: unknown[] };
      stateSeq = body.seq;
      expect(body.alerts).toHaveLength(1);
      await stop(hub, token, 'TB2');
      await stop(hub, token, 'TB3');
      await route.fulfill({ response });
    });
    const hellos: number[] = [];
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        hellos.push((JSON.parse(String(message)) as { since: number }).since);
        server.send(message);
      });
    });
    await openTablet(page, hub.httpUrl, token);
    await stop(hub, token, 'TB4');
    await expectEachAlertOnce(page, hub);
    expect(stateSeq).toBeGreaterThan(0);
    expect(hellos).toEqual([stateSeq]);
    expect(hub.domainState.alerts).toHaveLength(4);
  }, 30_000);

  it('starts over when the hub comes back with another history (wiped), showing only the new one', async () => {
    const first = tempDir();
    const second = tempDir();
    cleanups.push(first.remove, second.remove);
    const port = await freePort();
    const options = { site: 'ui-wiped', host: '127.0.0.1', port, mqttPort: 0 };
    let hub = await Hub.start({ ...options, dataDir: first.path });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1', 'TB2']);
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    await stop(hub, token, 'TB1');
    await stop(hub, token, 'TB2');
    await expectEachAlertOnce(page, hub);
    expect(await ordersOnCards(page)).toEqual({ a1: 'taobao:TB1', a2: 'taobao:TB2' });

    await hub.close();
    await page.locator('.banner.offline').waitFor();
    // A new history with the same tokens: the alert numbers start at 1 again, for other orders,
    // and the new history is longer than the one the page held.
    copyFileSync(join(first.path, 'hub-state.json'), join(second.path, 'hub-state.json'));
    hub = await Hub.start({ ...options, dataDir: second.path });
    seedShop(hub, ['TB7', 'TB8', 'TB9']);
    await stop(hub, token, 'TB7');
    await stop(hub, token, 'TB8');
    await stop(hub, token, 'TB9');
    await page.locator('.connection.connected').waitFor({ timeout: 15_000 });
    await expectEachAlertOnce(page, hub);
    expect(await ordersOnCards(page)).toEqual({ a1: 'taobao:TB7', a2: 'taobao:TB8', a3: 'taobao:TB9' });
  }, 30_000);
});
