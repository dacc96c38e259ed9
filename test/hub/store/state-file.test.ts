import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/run.js';
import { StationRegistry } from '../../../hub/broker/station-registry.js';
import { HubStateFile, type HubStateDoc } from '../../../hub/store/state-file.js';
import { openHubState } from '../../../hub/store/state.js';
import { TokenBook } from '../../../hub/store/token-book.js';
import { newToken, verifyToken, type TokenRecord } from '../../../hub/store/tokens.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { captureConsole } from '../../helpers/console-lines.js';

/*
 * The hub state document has two writers in the hub (its token book and its station registry)
 * and a third in another process: `packgate hub token …` and `packgate hub station …`. Whatever
 * one of them changes, the next write by any other keeps (issue #13). The hub side here is
 * wired as hub/hub.ts wires it; the command line is run in-process, on its own handle of the
 * file, and the hub writes before its watcher could have re-read the file.
 */

describe('the hub state document, written by the hub and the command line', () => {
  let dir: ReturnType<typeof tempDir>;
  let data: string;
  let path: string;
  const { out, err } = captureConsole();
  beforeEach(() => {
    dir = tempDir();
    data = join(dir.path, 'hub');
    path = join(data, 'hub-state.json');
  });
  afterEach(() => dir.remove());

  async function cli(...args: string[]): Promise<string> {
    out.length = 0;
    const code = await runCli(['hub', ...args, '--data', data]);
    expect(code, err.join('\n')).toBe(0);
    return out.join('\n').trim();
  }

  /** The hub's side of the file: one state, its token book and station registry. */
  async function runningHub() {
    const state = await openHubState(path);
    const stations = new StationRegistry(state, 0);
    return { tokens: new TokenBook(state), stations };
  }

  const onDisk = () => JSON.parse(readFileSync(path, 'utf8')) as { tokens: TokenRecord[]; stations: Array<{ id: string }> };

  it('keeps a token created from the command line when the hub then provisions and removes stations', async () => {
    await cli('station', 'add', '--id', 'S0');
    const hub = await runningHub();
    const token = await cli('token', 'create', '--role', 'manager', '--name', 'from the shell');
    expect(token).toMatch(/^pg_/);

    await hub.stations.provision('S1');
    expect(verifyToken(onDisk().tokens, token)?.name).toBe('from the shell');
    await hub.stations.revoke('S0');
    expect(verifyToken(onDisk().tokens, token)?.name).toBe('from the shell');
    expect(onDisk().stations.map((s) => s.id)).toEqual(['S1']);

    await hub.tokens.reload();
    expect(verifyToken(hub.tokens.list(), token)?.role).toBe('manager');
    const fresh = new TokenBook(await openHubState(path));
    expect(verifyToken(fresh.list(), token)?.role).toBe('manager');
  });

  it('does not bring back a token revoked from the command line when the hub then writes', async () => {
    const hub = await runningHub();
    const { token, record } = await hub.tokens.create('doomed', 'viewer');
    await cli('token', 'revoke', '--id', record.id);

    await hub.stations.provision('S1');
    expect(onDisk().tokens.map((t) => t.id)).not.toContain(record.id);
    await hub.tokens.reload();
    expect(verifyToken(hub.tokens.list(), token)).toBeUndefined();
  });

  it('keeps a station added from the command line when the hub then creates and revokes tokens', async () => {
    const hub = await runningHub();
    const kept = await hub.tokens.create('kept', 'admin');
    const password = await cli('station', 'add', '--id', 'S1');

    const { record } = await hub.tokens.create('made by the hub', 'viewer');
    expect(onDisk().stations.map((s) => s.id)).toEqual(['S1']);
    await hub.tokens.revoke(record.id);
    expect(onDisk().stations.map((s) => s.id)).toEqual(['S1']);
    expect(onDisk().tokens.map((t) => t.id)).toEqual([kept.record.id]);
    expect(await hub.stations.verify('S1', password)).toBe(true);
  });

  it('does not bring back a station removed from the command line when the hub then creates a token', async () => {
    const hub = await runningHub();
    await hub.stations.provision('S1');
    await cli('station', 'remove', '--id', 'S1');

    await hub.tokens.create('made by the hub', 'viewer');
    expect(onDisk().stations).toEqual([]);
  });
});

/** A state document in memory whose writes can be counted and made to fail. */
class RecordingAdapter extends Memory<HubStateDoc> {
  writes = 0;
  failNext = false;
  override async write(doc: HubStateDoc): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.writes++;
    await super.write(doc);
  }
}

describe('HubStateFile', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = join(dir.path, 'hub-state.json');
  });
  afterEach(() => dir.remove());

  function memoryFile(): { adapter: RecordingAdapter; file: HubStateFile } {
    const adapter = new RecordingAdapter();
    return { adapter, file: new HubStateFile(adapter, { tokens: [], stations: [] }) };
  }

  it('writes only a change that changes the document, and keeps it once written', async () => {
    const { adapter, file } = memoryFile();
    expect(await file.change((doc) => doc.tokens.length)).toBe(0);
    expect(adapter.writes).toBe(0);
    await file.change((doc) => void doc.stations.push({ id: 'S1', passwordHash: 'h', createdAt: 'now' }));
    expect(adapter.writes).toBe(1);
    expect(file.data.stations.map((s) => s.id)).toEqual(['S1']);
  });

  it('keeps the document as it was when the write fails or the change throws, and goes on with the next change', async () => {
    const { adapter, file } = memoryFile();
    adapter.failNext = true;
    await expect(file.change((doc) => void doc.tokens.push(newToken('lost', 'viewer').record))).rejects.toThrow('disk full');
    expect(file.data.tokens).toEqual([]);
    const refusal = Object.assign(new Error('no'), { code: 'STATION_EXISTS' });
    await expect(
      file.change((doc) => {
        doc.stations = [];
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    const { record } = newToken('kept', 'viewer');
    await file.change((doc) => void doc.tokens.push(record));
    expect(file.data.tokens).toEqual([record]);
    expect(adapter.writes).toBe(1);
  });

  it('takes tokens and stations from the file, and keeps memory when the file is unreadable or malformed', async () => {
    const file = await openHubState(path);
    const { record } = newToken('ours', 'admin');
    await file.change((doc) => void doc.tokens.push(record));
    const station = { id: 'S1', passwordHash: 'h', createdAt: 'now' };
    writeFileSync(path, JSON.stringify({ tokens: [], stations: [station] }));
    await file.refresh();
    expect(file.data).toEqual({ tokens: [], stations: [station] });
    for (const text of ['{"tokens": [', '{"stations": []}', '{"tokens": [], "stations": {}}', 'null', '7']) {
      writeFileSync(path, text);
      await file.refresh();
      expect(file.data, text).toEqual({ tokens: [], stations: [station] });
    }
    writeFileSync(path, JSON.stringify({ tokens: [record] }));
    await file.refresh();
    expect(file.data).toEqual({ tokens: [record], stations: [] });
  });

  it('keeps what else the document holds when it writes', async () => {
    writeFileSync(path, JSON.stringify({ tokens: [], stations: [], note: 'from a newer version' }));
    const file = await openHubState(path);
    await file.change((doc) => void doc.tokens.push(newToken('t', 'viewer').record));
    expect(JSON.parse(readFileSync(path, 'utf8')).note).toBe('from a newer version');
  });

  it('re-reads before a login check at most once per period', async () => {
    const file = await openHubState(path);
    await file.refreshIfOlder(60_000);
    const station = { id: 'S1', passwordHash: 'h', createdAt: 'now' };
    writeFileSync(path, JSON.stringify({ tokens: [], stations: [station] }));
    await file.refreshIfOlder(60_000);
    expect(file.data.stations).toEqual([]);
    await file.refreshIfOlder(0);
    expect(file.data.stations).toEqual([station]);
  });

  it('serves the token book and the station registry at once without either waiting on the other', async () => {
    const file = await openHubState(path);
    const tokens = new TokenBook(file);
    const stations = new StationRegistry(file, 0);
    const made = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => tokens.create(`t${i}`, 'viewer')),
      ...Array.from({ length: 10 }, (_, i) => stations.provision(`S${i}`)),
      ...Array.from({ length: 10 }, (_, i) => stations.verify(`S${i}`, 'x')),
      tokens.reload(),
      stations.sync(),
    ]);
    expect(made).toHaveLength(32);
    const fresh = await openHubState(path);
    expect(fresh.data.tokens).toHaveLength(10);
    expect(fresh.data.stations).toHaveLength(10);
  });
});
