import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, TestBrowser } from '../../helpers/browser.js';
import { run, seedShop } from '../../helpers/station.js';

describe('tablet page: a dock token', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('lands on the dock view, and is offered no acknowledgement or decision; a manager still lands on alerts', async () => {
    const hub = await Hub.start({ site: 'ui-dock', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1']);
    run(hub, { type: 'createFreeze', orderId: 'taobao:TB1' }, { type: 'openHandover', carrier: 'sf-express', operator: 'Zhao Lei' });
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());

    const dock = await browser.newPage();
    await openTablet(dock, hub.httpUrl, await hub.createToken('Dock 1', 'dock'));
    await dock.locator('section[data-view="dock"] .batch-card[data-batch="H1"]').waitFor();
    expect(await dock.locator('nav.tabs a[aria-current="page"]').textContent()).toBe('Dock');
    await dock.getByText('View only').waitFor();
    await dock.getByRole('link', { name: 'Alerts' }).click();
    await dock.locator('.alert-card[data-kind="freeze-created"]').first().waitFor();
    expect(await dock.getByRole('button', { name: 'Acknowledge', exact: true }).count()).toBe(0);
    await dock.getByRole('link', { name: 'Frozen stock' }).click();
    await dock.locator('.freeze-card').first().waitFor();
    expect(await dock.locator('.freeze-card .decide').count()).toBe(0);
    // A view the address names is kept: the landing is only for an address that names none.
    await dock.reload();
    await dock.locator('.connection.connected').waitFor();
    await dock.locator('.freeze-card').first().waitFor();
    expect(await dock.locator('nav.tabs a[aria-current="page"]').textContent()).toBe('Frozen stock');

    const manager = await browser.newPage();
    await openTablet(manager, hub.httpUrl, await hub.createToken('Li Na', 'manager'));
    await manager.getByRole('button', { name: 'Acknowledge', exact: true }).first().waitFor();
    expect(await manager.locator('nav.tabs a[aria-current="page"]').textContent()).toMatch(/^Alerts/);
  });
});
