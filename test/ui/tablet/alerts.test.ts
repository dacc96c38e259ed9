import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { TestBrowser, screenshotBothSizes } from '../../helpers/browser.js';
import { dressOrder, managerContext } from '../../helpers/domain.js';

describe('tablet page in a real browser', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows a stop posted to the API, and one tap stores the acknowledgement in the manager\'s name', async () => {
    const hub = await Hub.start({ site: 'ui', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('Li Na', 'manager');
    hub.execute({ type: 'createOrder', ...dressOrder('TB1001') }, managerContext(new Date()));
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(`${hub.httpUrl}/#token=${token}`);
    await page.locator('#connection.connected').waitFor();

    const response = await fetch(`${hub.httpUrl}/api/v1/stops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: 'taobao:TB1001', reason: 'address-change' }),
    });
    expect(response.status).toBe(201);
    const row = page.locator('.record.alert.stop', { hasText: 'taobao:TB1001' });
    await row.waitFor();
    await screenshotBothSizes(page, 'step1-alerts');

    const alert = hub.domainState.alerts.find((a) => a.kind === 'task-stopped')!;
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByRole('button', { name: 'Acknowledged by Li Na' }).waitFor();
    expect(hub.domainState.alerts.find((a) => a.seq === alert.seq)?.acknowledged).toMatchObject({ by: 'Li Na' });
  });
});
