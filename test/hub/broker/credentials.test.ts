import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, newSecret, parsePasswordHash, sameSecret, verifyPassword } from '../../../hub/broker/credentials.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Written by `mosquitto_passwd -b FILE alice secret1` (Mosquitto 2.0.11).
const MOSQUITTO_LINE_HASH =
  '$7$101$TM22cAw31wOLOXsq$fte9rxxUGi308Fwd92H4zZKroJGklTrpu0UzAvNayM3h4abxm6j6m1c1UdalOjSeJGBvhxtOQO842xp421cvSQ==';

describe('MQTT password hashes', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it("verifies a hash written by Mosquitto's own mosquitto_passwd", async () => {
    expect(await verifyPassword(MOSQUITTO_LINE_HASH, 'secret1')).toBe(true);
    expect(await verifyPassword(MOSQUITTO_LINE_HASH, 'secret2')).toBe(false);
  });

  it('writes the same hash Mosquitto writes for the same salt and iterations', async () => {
    const { salt, iterations } = parsePasswordHash(MOSQUITTO_LINE_HASH);
    expect(await hashPassword('secret1', { salt, iterations })).toBe(MOSQUITTO_LINE_HASH);
  });

  it.runIf(spawnSync('mosquitto_passwd', ['-h']).error === undefined)(
    'agrees with the installed mosquitto_passwd on a fresh password',
    async () => {
      const dir = tempDir();
      cleanups.push(dir.remove);
      const file = join(dir.path, 'passwd');
      const password = newSecret();
      expect(spawnSync('mosquitto_passwd', ['-c', '-b', file, 'S1', password]).status).toBe(0);
      const hash = readFileSync(file, 'utf8').trim().split(':')[1]!;
      expect(await verifyPassword(hash, password)).toBe(true);
    },
  );

  it('hashes with a fresh salt each time, in the $7$ format', async () => {
    const a = await hashPassword('same');
    const b = await hashPassword('same');
    expect(a).toMatch(/^\$7\$1000\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'same')).toBe(true);
    expect(await verifyPassword(b, 'same')).toBe(true);
  });

  it.each(['', 'plain', '$6$abc$def', '$7$0$TM22cAw31wOLOXsq$AAAA', '$7$101$$AAAA', '$7$101$TM22cAw31wOLOXsq$AAAA'])(
    'refuses the unreadable hash %j (and verifies nothing against it)',
    async (hash) => {
      expect(() => parsePasswordHash(hash)).toThrow(expect.objectContaining({ code: 'BAD_PASSWORD_HASH' }));
      expect(await verifyPassword(hash, '')).toBe(false);
    },
  );

  it('makes 32-character secrets without the password-file separator', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => newSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('compares in-memory secrets of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
