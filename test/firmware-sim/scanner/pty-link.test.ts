import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyLink } from '../../../firmware-sim/scanner/pty-link.js';

describe('PtyLink (socat pseudo-terminal)', () => {
  const links: PtyLink[] = [];
  afterEach(async () => {
    for (const link of links.splice(0)) await link.close();
  });
  const create = async () => {
    const link = await PtyLink.create(join(tmpdir(), `packgate-tty-${randomUUID()}`));
    links.push(link);
    return link;
  };

  it('makes a link to a pseudo-terminal, which unplug removes and replug restores at the same path', async () => {
    const link = await create();
    expect(lstatSync(link.path).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link.path)).toMatch(/^\/dev\/pts\/\d+$/);
    expect(link.device).toBe(readlinkSync(link.path));
    expect(link.write(Buffer.from('x'))).toBe(true);

    await link.unplug();
    expect(link.present).toBe(false);
    expect(existsSync(link.path)).toBe(false);
    expect(link.write(Buffer.from('x'))).toBe(false);

    await link.replug();
    expect(link.present).toBe(true);
    expect(readlinkSync(link.path)).toMatch(/^\/dev\/pts\/\d+$/);
  });

  it('refuses a path socat cannot take', async () => {
    await expect(PtyLink.create('/tmp/a,b')).rejects.toMatchObject({ code: 'SIM_PTY_FAILED' });
  });
});
