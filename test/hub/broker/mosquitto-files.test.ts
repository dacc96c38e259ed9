import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../hub/broker/credentials.js';
import { assertMosquittoUsername, mosquittoAcl, mosquittoPasswd } from '../../../hub/broker/mosquitto-files.js';

const rules = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

describe('Mosquitto ACL file', () => {
  it('gives the hub its site and each station its exact topics (users style)', () => {
    const acl = mosquittoAcl({ site: 'wh1', hubUsername: 'hub@wh1', stations: ['S2', 'S1'], style: 'users' });
    expect(rules(acl)).toEqual([
      'user hub@wh1',
      'topic readwrite packgate/v1/wh1/#',
      'user S1',
      'topic write packgate/v1/wh1/station/S1/status',
      'topic write packgate/v1/wh1/station/S1/events',
      'topic write packgate/v1/wh1/station/S1/files',
      'topic read packgate/v1/wh1/station/S1/acks',
      'topic read packgate/v1/wh1/station/S1/cmd',
      'topic read packgate/v1/wh1/stops',
      'topic read packgate/v1/wh1/freezes',
      'topic read packgate/v1/wh1/mapping',
      'topic read packgate/v1/wh1/mapping/delta',
      'topic read packgate/v1/wh1/policy',
      'topic read packgate/v1/wh1/dock',
      'topic read packgate/v1/wh1/hub/state',
      'user S2',
      'topic write packgate/v1/wh1/station/S2/status',
      'topic write packgate/v1/wh1/station/S2/events',
      'topic write packgate/v1/wh1/station/S2/files',
      'topic read packgate/v1/wh1/station/S2/acks',
      'topic read packgate/v1/wh1/station/S2/cmd',
      'topic read packgate/v1/wh1/stops',
      'topic read packgate/v1/wh1/freezes',
      'topic read packgate/v1/wh1/mapping',
      'topic read packgate/v1/wh1/mapping/delta',
      'topic read packgate/v1/wh1/policy',
      'topic read packgate/v1/wh1/dock',
      'topic read packgate/v1/wh1/hub/state',
    ]);
    expect(acl.endsWith('\n')).toBe(true);
  });

  it('uses %u for the station in the pattern style, whatever stations exist', () => {
    const acl = mosquittoAcl({ site: 'wh1', hubUsername: 'hub@wh1', stations: ['S1'], style: 'pattern' });
    expect(rules(acl)).toEqual([
      'user hub@wh1',
      'topic readwrite packgate/v1/wh1/#',
      'pattern write packgate/v1/wh1/station/%u/status',
      'pattern write packgate/v1/wh1/station/%u/events',
      'pattern write packgate/v1/wh1/station/%u/files',
      'pattern read packgate/v1/wh1/station/%u/acks',
      'pattern read packgate/v1/wh1/station/%u/cmd',
      'pattern read packgate/v1/wh1/stops',
      'pattern read packgate/v1/wh1/freezes',
      'pattern read packgate/v1/wh1/mapping',
      'pattern read packgate/v1/wh1/mapping/delta',
      'pattern read packgate/v1/wh1/policy',
      'pattern read packgate/v1/wh1/dock',
      'pattern read packgate/v1/wh1/hub/state',
    ]);
  });

  it('grants a site with no stations to its hub only', () => {
    expect(rules(mosquittoAcl({ site: 'x', hubUsername: 'hub@x', stations: [], style: 'users' }))).toEqual([
      'user hub@x',
      'topic readwrite packgate/v1/x/#',
    ]);
  });

  it.each(['', 'a b', 'a:b', 'a+b', 'a#', 'line\nbreak', 'x'.repeat(129)])('refuses the hub username %j', (name) => {
    expect(() => assertMosquittoUsername(name)).toThrow(expect.objectContaining({ code: 'BAD_USERNAME' }));
    expect(() => mosquittoAcl({ site: 'x', hubUsername: name, stations: [], style: 'users' })).toThrow();
  });
});

describe('Mosquitto password file', () => {
  it('writes one user:hash line per login', async () => {
    const hash = await hashPassword('pw');
    expect(mosquittoPasswd([{ username: 'hub@wh1', passwordHash: hash }, { username: 'S1', passwordHash: hash }])).toBe(
      `hub@wh1:${hash}\nS1:${hash}\n`,
    );
    expect(mosquittoPasswd([])).toBe('');
  });

  it('refuses a username twice, a bad username and a hash that is not $7$', async () => {
    const hash = await hashPassword('pw');
    expect(() => mosquittoPasswd([{ username: 'S1', passwordHash: hash }, { username: 'S1', passwordHash: hash }])).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_USERNAME' }),
    );
    expect(() => mosquittoPasswd([{ username: 'a:b', passwordHash: hash }])).toThrow(expect.objectContaining({ code: 'BAD_USERNAME' }));
    expect(() => mosquittoPasswd([{ username: 'S1', passwordHash: 'plain' }])).toThrow(
      expect.objectContaining({ code: 'BAD_PASSWORD_HASH' }),
    );
  });
});
