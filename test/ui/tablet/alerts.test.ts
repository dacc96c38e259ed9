import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { buildTabletOnce, openTablet, screenshotBothSizes, TestBrowser } from '../../helpers/browser.js';
import { dressOrder, managerContext } from '../../helpers/domain.js';

describe('tablet page: live alerts in a real browser', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  beforeAll(buildTabletOnce);
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("shows a stop posted to the API, and one tap stores the acknowledgement in the manager's name", async () => {
    const hub = await Hub.start({ site: 'ui', host: '127.0.0.1', port: 0, mqttPort: 0 });
    cleanups.push(() => hub.close());
    const token = await hub.createToken('Li Na', 'manager');
    hub.execute({ type: 'createOrder', ...dressOrder('TB1001') }, managerContext(new Date()));
    const browser = await TestBrowser.launch();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await openTablet(page, hub.httpUrl, token);

    const response = await fetch(`${hub.httpUrl}/api/v1/stops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: 'taobao:TB1001', reason: 'address-change' }),
    });
    expect(response.status).toBe(201);
    const card = page.locator('.alert-card[data-kind="task-stopped"]', { hasText: 'taobao:TB1001' });
    await card.waitFor();
    await screenshotBothSizes(page, 'alerts');

    const alert = hub.domainState.alerts.find((a) => a.kind === 'task-stopped')!;
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await card.getByText('Acknowledged by Li Na').waitFor();
    expect(hub.domainState.alerts.find((a) => a.seq === alert.seq)?.acknowledged).toMatchObject({ by: 'Li Na' });
  });
});
