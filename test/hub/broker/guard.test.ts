import type { AuthenticateError, Client, PublishPacket, Subscription } from 'aedes';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../hub/broker/acl.js';
import { BrokerGuard, ConnectRefusal, type Authenticator } from '../../../hub/broker/guard.js';

const S1: Principal = { kind: 'station', site: 'wh1', station: 'S1' };
const client = (id: string) => ({ id }) as Client;
const publish = (topic: string) => ({ cmd: 'publish', topic, payload: Buffer.from('{}'), qos: 1, retain: false, dup: false }) as PublishPacket;

/** The aedes handlers driven directly, as aedes calls them. */
function guarded(authenticator: Authenticator) {
  const guard = new BrokerGuard(authenticator);
  const handlers = guard.handlers();
  return {
    guard,
    login: (c: Client, username?: string, password?: string) =>
      new Promise<{ ok: boolean | null; returnCode?: number }>((resolve) =>
        handlers.authenticate(c, username, password === undefined ? undefined : Buffer.from(password), (err, ok) =>
          resolve({ ok, returnCode: (err as AuthenticateError | null)?.returnCode }),
        ),
      ),
    publish: (c: Client | null, topic: string) =>
      new Promise<Error | null | undefined>((resolve) => handlers.authorizePublish(c, publish(topic), (err) => resolve(err))),
    subscribe: (c: Client, topic: string) =>
      new Promise<Subscription | null | undefined>((resolve) =>
        handlers.authorizeSubscribe(c, { topic, qos: 1 } as Subscription, (_err, sub) => resolve(sub)),
      ),
  };
}

describe('broker guard', () => {
  it('lets a good login in and holds it to its principal', async () => {
    const g = guarded(async (username, password) => (username === 'S1' && password === 'pw' ? S1 : undefined));
    const c = client('raw');
    expect(await g.login(c, 'S1', 'pw')).toEqual({ ok: true, returnCode: undefined });
    expect(await g.publish(c, 'packgate/v1/wh1/station/S1/events')).toBeNull();
    expect(await g.publish(c, 'packgate/v1/wh1/stops')).toMatchObject({ code: 'MQTT_PUBLISH_REFUSED' });
    expect(await g.subscribe(c, 'packgate/v1/wh1/stops')).toMatchObject({ topic: 'packgate/v1/wh1/stops' });
    expect(await g.subscribe(c, 'packgate/v1/wh1/#')).toBeNull();
  });

  it('refuses a publish or subscribe from a client that never logged in, and an old will with no client', async () => {
    const g = guarded(async () => S1);
    expect(await g.publish(client('ghost'), 'packgate/v1/wh1/station/S1/events')).toMatchObject({ code: 'MQTT_PUBLISH_REFUSED' });
    expect(await g.publish(null, 'packgate/v1/wh1/station/S1/status')).toMatchObject({ code: 'MQTT_PUBLISH_REFUSED' });
    expect(await g.subscribe(client('ghost'), 'packgate/v1/wh1/stops')).toBeNull();
    expect(g.guard.refusals()).toEqual({ connect: {}, publish: { NO_CLIENT: 2 }, subscribe: { NO_CLIENT: 1 } });
  });

  it('answers each refused login with its CONNACK code and counts it', async () => {
    const g = guarded(async (username) => (username === 'S1' ? S1 : undefined));
    expect(await g.login(client('a'))).toEqual({ ok: false, returnCode: 5 });
    expect(await g.login(client('a'), '', 'pw')).toEqual({ ok: false, returnCode: 5 });
    expect(await g.login(client('a'), 'S1')).toEqual({ ok: false, returnCode: 5 });
    expect(await g.login(client('a'), 'S9', 'pw')).toEqual({ ok: false, returnCode: 4 });
    expect(await g.login(client('packgate-station-wh1-S2'), 'S1', 'pw')).toEqual({ ok: false, returnCode: 2 });
    expect(await g.login(client('packgate-station-wh2-S1'), 'S1', 'pw')).toEqual({ ok: false, returnCode: 2 });
    expect(g.guard.refusals().connect).toEqual({
      [ConnectRefusal.Anonymous]: 3,
      [ConnectRefusal.BadCredentials]: 1,
      [ConnectRefusal.ClientIdReserved]: 1,
      [ConnectRefusal.OutsideSite]: 1,
    });
  });

  it('refuses, without crashing, when the login check itself fails', async () => {
    const g = guarded(async () => {
      throw new Error('disk gone');
    });
    expect(await g.login(client('a'), 'S1', 'pw')).toEqual({ ok: false, returnCode: 3 });
  });

  it('hands out copies of its counts', async () => {
    const g = guarded(async () => undefined);
    const before = g.guard.refusals();
    await g.login(client('a'), 'S1', 'pw');
    expect(before.connect).toEqual({});
  });
});
