import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { ACK_LEDGER_FILE } from '../../../hub/store/ack-ledger.js';
import { buildTabletOnce, TestBrowser } from '../../helpers/browser.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { RawStation } from './raw-station.js';

const SITE = 'ui-recovery';

describe('tablet page: a hub recovering its history', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows a banner naming the stations and ranges it waits for, in both languages, until the hole is filled', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    // A hub whose ledger says it acked station P9 up to 3, beside a history that holds none of it.
    writeFileSync(join(dir.path, ACK_LEDGER_FILE), JSON.stringify({ v: 1, epoch: 'e-1', createdAt: new Date().toISOString(), acked: [{ station: 'P9', upTo: 3 }] }));
    const hub = await Hub.start({ site: SITE, host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: dir.path });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('Li Na', 'manager');
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${hub.httpUrl}/#token=${token}`);
    await page.locator('.connection.connected').waitFor();

    const banner = page.locator('.banner.recovering');
    await banner.waitFor();
    expect(await banner.textContent()).toBe(
      'The hub is recovering: its history lost 3 events it had received, and the stations are sending them again. Waiting for: P9 (1–3).',
    );
    await page.getByRole('button', { name: '中文' }).click();
    expect(await banner.textContent()).toBe('总控正在恢复：其历史记录丢失了 3 条已接收的事件，工位正在重新发送。等待：P9 (1–3)。');

    // The station sends them again: the banner goes.
    const station = await RawStation.connect(hub, SITE, 'P9');
    cleanups.push(() => station.close());
    for (let i = 0; i < 3; i += 1) await station.event({ type: 'scan', data: `P9-${i}`, raw: Buffer.from(`P9-${i}`).toString('base64'), source: 'sim' });
    await expect.poll(() => banner.count()).toBe(0);
    expect(hub.health().recovery.recovering).toBe(false);
  });
});
