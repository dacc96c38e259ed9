import { describe, expect, it, onTestFinished } from 'vitest';
import { StationScreen } from '../../../station/http/server.js';
import type { ScreenView } from '../../../station/http/view.js';
import { TestBrowser } from '../../helpers/browser.js';
import { viewAfter } from './helpers.js';

const devices = { printer: { kind: 'sim', state: 'ok' as const }, hub: { connected: true, live: true, lastHeardAt: Date.now() } };

describe("the camera on the packer's screen", () => {
  it('shows recording, a fault with why (its storage full), and nothing without a camera', async () => {
    const base = viewAfter(['$PG:BADGE:W1'], devices);
    expect(base.camera).toBeNull();
    let view: ScreenView = { ...base, camera: { kind: 'sim', state: 'ok', detail: 'recording' } };
    const screen = await StationScreen.start({ host: '127.0.0.1', port: 0, view: () => view });
    onTestFinished(() => screen.close());
    const browser = await TestBrowser.launch();
    onTestFinished(() => browser.close());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${screen.url}/`);
    await page.locator('#station', { hasText: 'ST-07' }).waitFor();
    expect(problems).toEqual([]);
    const chip = page.locator('#camera');
    // The packer's screen opens in Chinese; its button switches to English.
    await chip.filter({ hasText: '摄像头: 录像中' }).waitFor();
    await page.locator('#lang').click();
    await chip.filter({ hasText: 'Camera: recording' }).waitFor();
    expect(await chip.getAttribute('class')).toBe('device ok');

    view = { ...base, camera: { kind: 'sim', state: 'fault', detail: 'storage full: pinned clips hold 9 bytes, over the 1 retention allows' } };
    screen.refresh();
    await chip.filter({ hasText: 'Camera: fault (storage full: pinned clips hold 9 bytes, over the 1 retention allows)' }).waitFor();
    expect(await chip.getAttribute('class')).toBe('device fault');

    view = base;
    screen.refresh();
    await chip.waitFor({ state: 'hidden' });
  }, 20_000);
});
