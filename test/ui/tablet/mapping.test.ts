import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { run, seedShop } from '../../helpers/station.js';

const LABEL = { name: '李四', phone: '13900001234', address: '广州市天河区体育西路 1 号' };

/** A hub with a mapping change awaiting confirmation that holds TB2001, and DY9001 held for a code one zero short of a mapped one. */
async function hubWithMappingWork(site: string): Promise<Hub> {
  const hub = await Hub.start({ site, host: '127.0.0.1', port: 0, mqttPort: 0 });
  seedShop(hub, []);
  run(
    hub,
    { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'SOCK-01' },
    { type: 'setMapping', channel: 'taobao', channelSku: 'SOCK-TB-01', masterSku: 'BOOK-01' },
    { type: 'createOrder', channel: 'taobao', orderNo: 'TB2001', waybill: 'SF2001', label: LABEL, lines: [{ channelSku: 'SOCK-TB-01', quantity: 1 }] },
    { type: 'setMapping', channel: 'douyin', channelSku: 'DY-BABY-SH-001', masterSku: 'BABY-SH-01' },
    { type: 'createOrder', channel: 'douyin', orderNo: 'DY9001', waybill: 'YT9001', label: LABEL, lines: [{ channelSku: 'DY-BABY-SH-01', quantity: 1 }] },
  );
  return hub;
}

async function call(hub: Hub, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${hub.httpUrl}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

async function get<T>(hub: Hub, token: string, path: string): Promise<T> {
  const response = await fetch(`${hub.httpUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function openMapping(page: Page, hub: Hub, token: string): Promise<void> {
  await openTablet(page, hub.httpUrl, token);
  await page.getByRole('link', { name: 'Mapping' }).click();
  await page.locator('.mapping-card.pending[data-channel-sku="SOCK-TB-01"]').waitFor();
  await page.locator('.mapping-card.unresolved[data-channel-sku="DY-BABY-SH-01"] .suggestion').waitFor();
}

describe('tablet page: mapping work', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a manager confirms a pending change in two taps: the hub has it no more and the held order is released', async () => {
    const hub = await hubWithMappingWork('ui-map-confirm');
    cleanups.push(() => hub.close());
    expect(hub.domainState.orders['taobao:TB2001']?.status).toBe('held');
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openMapping(page, hub, token);
    const card = page.locator('.mapping-card.pending[data-channel-sku="SOCK-TB-01"]');
    expect(await card.locator('.before').textContent()).toContain('SOCK-01');
    expect(await card.locator('.after').textContent()).toContain('BOOK-01');
    await screenshotBothSizes(page, 'mapping-manager');

    await card.getByRole('button', { name: 'Confirm' }).click();
    expect(hub.domainState.pendingMappings['taobao:SOCK-TB-01']).toBeDefined();
    await card.getByRole('button', { name: 'Tap again to confirm' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('No mapping change is waiting.').waitFor();
    expect((await get<{ rows: unknown[] }>(hub, token, '/mappings/pending')).rows).toEqual([]);
    expect(hub.domainState.mappings['taobao:SOCK-TB-01']?.masterSku).toBe('BOOK-01');
    expect(hub.domainState.orders['taobao:TB2001']?.status).toBe('released');
  });

  it('a manager accepts a near miss in one tap: the code is mapped and the held order released', async () => {
    const hub = await hubWithMappingWork('ui-map-accept');
    cleanups.push(() => hub.close());
    expect(hub.domainState.orders['douyin:DY9001']?.status).toBe('held');
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openMapping(page, hub, token);
    const card = page.locator('.mapping-card.unresolved[data-channel-sku="DY-BABY-SH-01"]');
    await card.locator('.suggestion[data-suggestion="DY-BABY-SH-001"]').getByRole('button', { name: 'Map to BABY-SH-01' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('No order is held for a missing mapping.').waitFor();
    expect(hub.domainState.mappings['douyin:DY-BABY-SH-01']?.masterSku).toBe('BABY-SH-01');
    expect(hub.domainState.orders['douyin:DY9001']?.status).toBe('released');
    expect((await get<{ codes: unknown[] }>(hub, token, '/mappings/unresolved')).codes).toEqual([]);
  });

  it('a viewer sees the same work with no buttons, and the lists follow the feed', async () => {
    const hub = await hubWithMappingWork('ui-map-viewer');
    cleanups.push(() => hub.close());
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openMapping(page, hub, await hub.createToken('wall screen', 'viewer'));
    await screenshotBothSizes(page, 'mapping-viewer');
    expect(await page.locator('[data-view="mapping"] button').count()).toBe(0);
    run(hub, { type: 'rollbackMapping', channel: 'taobao', channelSku: 'SOCK-TB-01' });
    await page.locator('.mapping-card.pending[data-channel-sku="SOCK-TB-01"]').waitFor({ state: 'detached' });
  });

  it('a manager rolls back a changed code template: the alert names the template, and the hub holds nothing any more', async () => {
    const hub = await Hub.start({ site: 'ui-map-template', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('Li Na', 'manager');
    for (const [colour, code] of [
      ['Red', '4006381333931'],
      ['Blue', '5901234123457'],
    ] as const) {
      const item = { brand: 'Acme', category: 'Dress', attributes: { colour, size: 'M', year: 2026 }, barcodes: [{ code, multiplier: 1 }] };
      expect((await call(hub, token, 'POST', '/catalog', item)).status).toBe(201);
    }
    const before = 'DY-{category}-{colour}-{size}-{year|right(2)}';
    const after = 'DY-{category}-{colour}-{size}-{year}';
    expect((await call(hub, token, 'PUT', '/templates/douyin', { source: before })).status).toBe(200);
    expect((await call(hub, token, 'PUT', '/templates/douyin', { source: after })).status).toBe(200);
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);
    const alert = page.locator('.alert-card[data-kind="mapping-pending"]');
    expect(await alert.locator('.alert-detail').textContent()).toBe('Douyin code template');

    await page.getByRole('link', { name: 'Mapping' }).click();
    const card = page.locator('.mapping-card.template[data-template="douyin"]');
    expect(await card.locator('.before .value').textContent()).toBe(before);
    expect(await card.locator('.after .value').textContent()).toBe(after);
    await screenshotBothSizes(page, 'mapping-template');
    await card.getByRole('button', { name: 'Roll back' }).click();
    await card.getByRole('button', { name: 'Tap again to confirm' }).click();
    await card.waitFor({ state: 'detached' });
    expect((await get<{ templates: unknown[] }>(hub, token, '/mappings/pending')).templates).toEqual([]);
  });
});
