import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import type { HistoryRecord } from '../../../hub/store/history.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { BARCODES, run } from '../../helpers/station.js';

const SITE = 'ui-catalog-weights';

describe('tablet page: catalog weights the scales disagree with (issue #15)', () => {
  let hub: Hub;
  let browser: TestBrowser;
  let token: string;

  beforeAll(async () => {
    await buildTabletOnce();
    hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0 });
    // The catalog says a dress weighs 300 g; 24 accepted parcels of one dress in a 100 g box weigh 520 g ± 2 g.
    run(hub, { type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: BARCODES.dress, multiplier: 1 }], unitWeightGrams: 300 });
    for (let i = 0; i < 24; i += 1) {
      run(hub, { type: 'recordWeighing', station: 'P1', taskId: `T${i}`, grams: 520 + (i % 5) - 2, boxGrams: 100, lines: [{ sku: 'DRESS-RED-M', quantity: 1 }] });
    }
    token = await hub.createToken('Li Na', 'manager');
    browser = await TestBrowser.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('lists the flagged dress with the catalog and learned weights; a viewer has no button; a manager takes the learned weight in two taps, logged', async () => {
    const viewer = await browser.newPage();
    await openTablet(viewer, hub.httpUrl, await hub.createToken('wall screen', 'viewer'));
    await viewer.getByRole('link', { name: 'Mapping' }).click();
    const viewerCard = viewer.locator('.mapping-card.weight[data-sku="DRESS-RED-M"]');
    await viewerCard.waitFor();
    expect(await viewerCard.locator('button').count()).toBe(0);

    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    await page.getByRole('link', { name: 'Mapping' }).click();
    const card = page.locator('.mapping-card.weight[data-sku="DRESS-RED-M"]');
    await card.waitFor();
    expect(await card.getAttribute('data-catalog')).toBe('300');
    expect(await card.getAttribute('data-learned')).toBe('420');
    expect(await card.locator('.before .value').textContent()).toBe('300 g');
    expect(await card.locator('.after .value').textContent()).toBe('420 g');
    expect(await card.locator('.since').textContent()).toBe('from 24 parcels');
    await card.scrollIntoViewIfNeeded();
    await screenshotBothSizes(page, 'catalog-weights-en');
    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    expect(await page.locator('.mapping-card.weight .since').textContent()).toBe('来自 24 个包裹');
    await screenshotBothSizes(page, 'catalog-weights-zh');
    await page.locator('header.top button.lang').click();
    await page.locator('html[lang="en"]').waitFor();

    const take = card.getByRole('button', { name: 'Use 420 g in the catalog' });
    await take.click();
    expect(hub.domainState.catalog['DRESS-RED-M']?.unitWeightGrams).toBe(300);
    await card.getByRole('button', { name: 'Tap again to confirm' }).click();
    await expect.poll(() => hub.domainState.catalog['DRESS-RED-M']?.unitWeightGrams).toBe(420);
    const records: HistoryRecord[] = [];
    hub.subscribe(0, (record) => records.push(record))();
    const confirmed = records.flatMap((record) => (record.kind === 'domain' ? record.events.filter((event) => event.type === 'catalog.weight-confirmed').map((event) => ({ event, actor: record.audit.actor })) : []));
    expect(confirmed).toEqual([{ event: expect.objectContaining({ sku: 'DRESS-RED-M', grams: 420, previousGrams: 300, samples: 24 }), actor: expect.objectContaining({ name: 'Li Na' }) }]);
    await page.locator('.mapping-cards.weights').locator('.mapping-card').first().waitFor({ state: 'detached' });
    expect(await page.getByText('No catalog weight disagrees with what the scales learned.').count()).toBe(1);
    // The viewer's list follows the feed's catalog event.
    await viewerCard.waitFor({ state: 'detached' });
  });
});
