import { afterEach, describe, expect, it } from 'vitest';
import { StationScreen } from '../../../station/http/server.js';
import { TestBrowser } from '../../helpers/browser.js';
import { viewAfter as viewAfterScans } from './helpers.js';

const viewAfter = (codes: string[]) => viewAfterScans(codes, { printer: { kind: 'sim', state: 'ok' }, hub: { connected: true, live: true, lastHeardAt: Date.now() } });

describe("the packer's screen in a real browser", () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('loads its module scripts from the station and follows the view live', async () => {
    let view = viewAfter(['$PG:BADGE:W1', '$PG:ORDER:880001', '5901234123457']);
    const screen = await StationScreen.start({ host: '127.0.0.1', port: 0, view: () => view });
    cleanups.push(() => screen.close());
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('requestfailed', (request) => problems.push(`${request.url()} failed`));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.url()} ${response.status()}`));

    await page.goto(`${screen.url}/`);
    await page.locator('#station', { hasText: 'ST-07' }).waitFor();
    await page.locator('#block-title-en', { hasText: 'Wrong item: not in this order' }).waitFor();
    expect(await page.locator('body').getAttribute('class')).toBe('state-blocked');

    view = viewAfter(['$PG:BADGE:W1']);
    screen.refresh();
    await page.locator('#block').waitFor({ state: 'hidden' });
    expect(await page.locator('body').getAttribute('class')).not.toBe('state-blocked');
    expect(problems).toEqual([]);
  }, 20_000);
});
