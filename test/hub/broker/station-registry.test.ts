import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationRegistry } from '../../../hub/broker/station-registry.js';
import { openHubState } from '../../../hub/store/state.js';
import { TokenBook } from '../../../hub/store/token-book.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('station registry', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function stateFile(): string {
    const dir = tempDir();
    cleanups.push(dir.remove);
    return join(dir.path, 'hub-state.json');
  }

  it('issues a password once and keeps only its hash', async () => {
    const file = stateFile();
    const registry = new StationRegistry(await openHubState(file));
    const login = await registry.provision('S1');
    expect(login.username).toBe('S1');
    expect(await registry.verify('S1', login.password)).toBe(true);
    expect(await registry.verify('S1', login.password + 'x')).toBe(false);
    expect(await registry.verify('S2', login.password)).toBe(false);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(login.password);
    expect(JSON.parse(onDisk).stations).toEqual([
      { id: 'S1', passwordHash: expect.stringMatching(/^\$7\$/), createdAt: expect.any(String) },
    ]);
  });

  it('refuses to issue a second password unless told to replace the first', async () => {
    const registry = new StationRegistry(await openHubState());
    const first = await registry.provision('S1');
    await expect(registry.provision('S1')).rejects.toMatchObject({ code: 'STATION_EXISTS' });
    const second = await registry.provision('S1', { replace: true });
    expect(await registry.verify('S1', first.password)).toBe(false);
    expect(await registry.verify('S1', second.password)).toBe(true);
    expect(registry.list()).toHaveLength(1);
  });

  it('refuses a station id that cannot be a topic level', async () => {
    const registry = new StationRegistry(await openHubState());
    await expect(registry.provision('a/b')).rejects.toMatchObject({ code: 'INVALID_ID' });
    await expect(registry.provision('hub@main')).rejects.toMatchObject({ code: 'INVALID_ID' });
  });

  it('revokes a login', async () => {
    const registry = new StationRegistry(await openHubState());
    const login = await registry.provision('S1');
    expect(await registry.revoke('S1')).toBe(true);
    expect(await registry.revoke('S1')).toBe(false);
    expect(await registry.verify('S1', login.password)).toBe(false);
  });

  it('serialises concurrent changes so none is lost', async () => {
    const file = stateFile();
    const registry = new StationRegistry(await openHubState(file), 0);
    const ids = Array.from({ length: 8 }, (_, i) => `S${i + 1}`);
    const logins = await Promise.all(ids.map((id) => registry.provision(id)));
    const fresh = new StationRegistry(await openHubState(file));
    expect(fresh.list().map((record) => record.id).sort()).toEqual([...ids].sort());
    for (const login of logins) expect(await fresh.verify(login.username, login.password)).toBe(true);
  });

  it("sees another process's changes to the file at the next login check", async () => {
    const file = stateFile();
    const running = await openHubState(file);
    const hubSide = new StationRegistry(running, 0);
    const cliSide = new StationRegistry(await openHubState(file));
    const added = await cliSide.provision('S1');
    expect(await hubSide.verify('S1', added.password)).toBe(true);
    await cliSide.revoke('S1');
    expect(await hubSide.verify('S1', added.password)).toBe(false);
  });

  it('keeps a station added from outside when the running hub writes the document for another reason', async () => {
    const file = stateFile();
    const running = await openHubState(file);
    const hubSide = new StationRegistry(running);
    await new StationRegistry(await openHubState(file)).provision('S1');
    await new TokenBook(running).create('n', 'viewer');
    expect(hubSide.has('S1')).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).stations.map((s: { id: string }) => s.id)).toEqual(['S1']);
  });

  it('reads a state document written before stations had logins', async () => {
    const file = stateFile();
    writeFileSync(file, JSON.stringify({ tokens: [] }));
    const state = await openHubState(file);
    expect(state.data.stations).toEqual([]);
    const registry = new StationRegistry(state, 0);
    expect(await registry.verify('S1', 'x')).toBe(false);
    await registry.provision('S1');
    expect(registry.list()).toHaveLength(1);
  });
});
