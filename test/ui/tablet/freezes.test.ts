import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, TestBrowser } from '../../helpers/browser.js';
import { run, seedShop } from '../../helpers/station.js';

describe('tablet page: frozen stock and roles', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('approves a refund freeze in two taps for a manager, and offers no decision or acknowledgement to a viewer', async () => {
    const hub = await Hub.start({ site: 'ui-freeze', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    seedShop(hub, ['TB1', 'TB2']);
    run(hub, { type: 'createFreeze', orderId: 'taobao:TB1' }, { type: 'createFreeze', orderId: 'taobao:TB2' });
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());

    const viewer = await browser.newPage();
    await openTablet(viewer, hub.httpUrl, await hub.createToken('wall screen', 'viewer'));
    await viewer.getByText('View only').waitFor();
    await viewer.locator('.alert-card[data-kind="freeze-created"]').first().waitFor();
    expect(await viewer.getByRole('button', { name: 'Acknowledge', exact: true }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Frozen stock' }).click();
    await viewer.locator('.freeze-card').first().waitFor();
    expect(await viewer.locator('.freeze-card .decide').count()).toBe(0);

    const manager = await browser.newPage();
    await openTablet(manager, hub.httpUrl, await hub.createToken('Li Na', 'manager'));
    await manager.getByRole('link', { name: 'Frozen stock' }).click();
    const card = manager.locator('.freeze-card', { hasText: 'taobao:TB1' });
    await card.getByRole('button', { name: 'Approve refund' }).click();
    expect(hub.domainState.freezes['F1']?.status).toBe('pending');
    await card.getByRole('button', { name: 'Tap again to confirm' }).click();
    await card.waitFor({ state: 'detached' });
    expect(hub.domainState.freezes['F1']?.status).toBe('approved');
    expect(await manager.locator('.freeze-card').count()).toBe(1);
    // The viewer's list follows the feed.
    await viewer.locator('.freeze-card', { hasText: 'taobao:TB1' }).waitFor({ state: 'detached' });
  });
});
