import { describe, expect, it } from 'vitest';
import {
  AclDenial,
  defaultHubUsername,
  isStationOfOtherSite,
  isStationUsername,
  mayPublish,
  maySubscribe,
  mayUseClientId,
  stationGrants,
  type Principal,
} from '../../../hub/broker/acl.js';
import { hubClientId, siteTopics, stationClientId } from '../../../protocol/index.js';

const topics = siteTopics('wh1');
const S1: Principal = { kind: 'station', site: 'wh1', station: 'S1' };
const hub: Principal = { kind: 'hub', site: 'wh1' };
const allowed = { allowed: true };
const denied = (reason: string) => ({ allowed: false, reason });

describe('station publish', () => {
  it.each([topics.stationStatus('S1'), topics.stationEvents('S1'), topics.stationFiles('S1')])('may publish its own %s', (topic) => {
    expect(mayPublish(S1, topic)).toEqual(allowed);
  });

  it.each([
    ['stops', topics.stops],
    ['freezes', topics.freezes],
    ['mapping version', topics.mappingVersion],
    ['mapping delta', topics.mappingDelta],
    ['site policy', topics.sitePolicy],
    ['hub state', topics.hubState],
    ['its own acks', topics.stationAcks('S1')],
    ['its own cmd', topics.stationCmd('S1')],
  ])('may never publish %s', (_name, topic) => {
    expect(mayPublish(S1, topic)).toEqual(denied(AclDenial.HubOnly));
  });

  it.each(['status', 'events', 'acks', 'cmd', 'other'])("may not publish on another station's %s", (leaf) => {
    expect(mayPublish(S1, `${topics.root}/station/S2/${leaf}`)).toEqual(denied(AclDenial.OtherStation));
  });

  it('does not take a prefix of its id, or its id with a suffix, for its own', () => {
    const S10: Principal = { kind: 'station', site: 'wh1', station: 'S10' };
    expect(mayPublish(S10, topics.stationEvents('S1'))).toEqual(denied(AclDenial.OtherStation));
    expect(mayPublish(S1, topics.stationEvents('S10'))).toEqual(denied(AclDenial.OtherStation));
  });

  it.each([
    'packgate/v1/wh2/station/S1/events',
    'packgate/v1/wh10/station/S1/events',
    'packgate/v1/wh1',
    'packgate/v1',
    '$SYS/broker/anything',
    'station/S1/events',
    '',
  ])('may not publish outside its site: %j', (topic) => {
    expect(mayPublish(S1, topic)).toEqual(denied(AclDenial.OutsideSite));
  });

  it.each([
    `${topics.root}/station/S1/events/extra`,
    `${topics.root}/station/S1`,
    `${topics.root}/station/S1/`,
    `${topics.root}/station//events`,
    `${topics.root}/station/S1/unknown`,
    `${topics.root}/hub/state/x`,
    `${topics.root}/anything`,
    `${topics.root}/`,
  ])('may not publish on ungranted site topics: %j', (topic) => {
    expect(mayPublish(S1, topic)).toEqual(denied(AclDenial.NotPermitted));
  });
});

describe('station subscribe', () => {
  it.each(stationGrants(topics, 'S1').subscribe)('may subscribe to %s', (filter) => {
    expect(maySubscribe(S1, filter)).toEqual(allowed);
  });

  it('holds its acks, cmd and the site-wide hub topics in its grants, and nothing else', () => {
    expect(stationGrants(topics, 'S1')).toEqual({
      publish: ['packgate/v1/wh1/station/S1/status', 'packgate/v1/wh1/station/S1/events', 'packgate/v1/wh1/station/S1/files'],
      subscribe: [
        'packgate/v1/wh1/station/S1/acks',
        'packgate/v1/wh1/station/S1/cmd',
        'packgate/v1/wh1/stops',
        'packgate/v1/wh1/freezes',
        'packgate/v1/wh1/mapping',
        'packgate/v1/wh1/mapping/delta',
        'packgate/v1/wh1/policy',
        'packgate/v1/wh1/dock',
        'packgate/v1/wh1/hub/state',
      ],
    });
  });

  it.each(['acks', 'cmd', 'events', 'status'])("may not subscribe to another station's %s", (leaf) => {
    expect(maySubscribe(S1, `${topics.root}/station/S2/${leaf}`)).toEqual(denied(AclDenial.OtherStation));
  });

  it.each([
    `${topics.root}/#`,
    `${topics.root}/station/+/acks`,
    `${topics.root}/station/S1/+`,
    `${topics.root}/station/S1/#`,
    `${topics.root}/+`,
  ])('may not subscribe with a wildcard: %s', (filter) => {
    expect(maySubscribe(S1, filter)).toEqual(denied(AclDenial.Wildcard));
  });

  it.each(['#', '+/+/+', 'packgate/v1/+/stops', 'packgate/v1/#', '$SYS/#', 'packgate/v1/wh2/stops', '$share/g/packgate/v1/wh1/stops'])(
    'may not subscribe outside its site: %s',
    (filter) => {
      expect(maySubscribe(S1, filter)).toEqual(denied(AclDenial.OutsideSite));
    },
  );

  it.each([topics.stationEvents('S1'), topics.stationStatus('S1'), `${topics.root}/anything`])(
    'may not subscribe to an ungranted topic of its site: %s',
    (filter) => {
      expect(maySubscribe(S1, filter)).toEqual(denied(AclDenial.NotPermitted));
    },
  );
});

describe('hub', () => {
  it.each([topics.stops, topics.freezes, topics.mappingVersion, topics.mappingDelta, topics.sitePolicy, topics.hubState, topics.stationAcks('S1'), topics.stationCmd('S7')])(
    'may publish %s',
    (topic) => {
      expect(mayPublish(hub, topic)).toEqual(allowed);
    },
  );

  it.each([topics.allStationEvents, topics.allStationStatus, `${topics.root}/#`, topics.stationEvents('S1')])(
    'may subscribe to %s',
    (filter) => {
      expect(maySubscribe(hub, filter)).toEqual(allowed);
    },
  );

  it.each(['packgate/v1/wh2/stops', '$SYS/x'])('may not publish outside its site: %s', (topic) => {
    expect(mayPublish(hub, topic)).toEqual(denied(AclDenial.OutsideSite));
  });

  it.each(['#', 'packgate/v1/#', 'packgate/v1/+/station/+/events', 'packgate/v1/wh2/#', '$SYS/#'])(
    'may not subscribe outside its site: %s',
    (filter) => {
      expect(maySubscribe(hub, filter)).toEqual(denied(AclDenial.OutsideSite));
    },
  );
});

describe('client ids', () => {
  it("reserves the hub's client id to the hub", () => {
    expect(mayUseClientId(hub, hubClientId('wh1'))).toBe(true);
    expect(mayUseClientId(S1, hubClientId('wh1'))).toBe(false);
  });

  it("reserves a station agent's client id to that station", () => {
    expect(mayUseClientId(S1, stationClientId('wh1', 'S1'))).toBe(true);
    expect(mayUseClientId(S1, stationClientId('wh1', 'S2'))).toBe(false);
    expect(mayUseClientId(S1, stationClientId('wh1', 'S1-x'))).toBe(false);
    expect(mayUseClientId(hub, stationClientId('wh1', 'S1'))).toBe(false);
  });

  it("knows a station's own client id under another site (its --site is not the hub's)", () => {
    expect(isStationOfOtherSite(S1, stationClientId('wh2', 'S1'))).toBe(true);
    expect(isStationOfOtherSite(S1, stationClientId('wh-2', 'S1'))).toBe(true);
    expect(isStationOfOtherSite(S1, stationClientId('wh1', 'S1'))).toBe(false);
    expect(isStationOfOtherSite(S1, stationClientId('wh2', 'S2'))).toBe(false);
    expect(isStationOfOtherSite(S1, 'packgate-station--S1')).toBe(false);
    expect(isStationOfOtherSite(hub, stationClientId('wh2', 'S1'))).toBe(false);
  });

  it('leaves other client ids free', () => {
    expect(mayUseClientId(S1, 'raw-S1')).toBe(true);
    expect(mayUseClientId(S1, 'packgate-fleet-wh1-S1')).toBe(true);
    expect(mayUseClientId(S1, '')).toBe(true);
  });
});

describe('usernames', () => {
  it('gives the hub a username no station id can take', () => {
    expect(defaultHubUsername('wh1')).toBe('hub@wh1');
    expect(isStationUsername(defaultHubUsername('wh1'))).toBe(false);
    expect(isStationUsername('S1')).toBe(true);
    expect(isStationUsername('a/b')).toBe(false);
  });
});
