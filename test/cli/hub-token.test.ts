import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/run.js';
import { Hub } from '../../hub/hub.js';
import { tempDir } from '../helpers/temp-dir.js';
import { captureConsole } from '../helpers/console-lines.js';

describe('packgate hub token', () => {
  let dir: ReturnType<typeof tempDir>;
  const { out, err } = captureConsole();
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('creates a token a running hub accepts, lists it without the secret, and revokes it', async () => {
    const hubDir = join(dir.path, 'hub');
    const hub = await Hub.start({ site: 'tok', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: hubDir });
    try {
      expect(await runCli(['hub', 'token', 'create', '--role', 'viewer', '--name', 'wall screen', '--data', hubDir])).toBe(0);
      const token = out.pop()!;
      expect(token).toMatch(/^pg_/);
      const stations = () =>
        fetch(`${hub.httpUrl}/api/v1/stations`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
      // The hub polls its state file once a second.
      await vi.waitFor(async () => expect(await stations()).toBe(200), { timeout: 5000, interval: 100 });

      expect(await runCli(['hub', 'token', 'list', '--data', hubDir])).toBe(0);
      const line = out.find((l) => l.includes('wall screen'))!;
      const [id, role] = line.split('\t');
      expect(role).toBe('viewer');
      expect(out.join('\n')).not.toContain(token);

      expect(await runCli(['hub', 'token', 'revoke', '--id', id!, '--data', hubDir])).toBe(0);
      await vi.waitFor(async () => expect(await stations()).toBe(401), { timeout: 5000, interval: 100 });
    } finally {
      await hub.close();
    }
  });

  it('keeps a token created from the command line when the hub provisions a station before re-reading the file (issue #13)', async () => {
    const hubDir = join(dir.path, 'hub');
    const hub = await Hub.start({ site: 'tok', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: hubDir });
    try {
      expect(await runCli(['hub', 'token', 'create', '--role', 'viewer', '--data', hubDir])).toBe(0);
      const token = out.pop()!;
      // At once: the hub's watcher has not looked at the file yet.
      await hub.provisionStation('S1');
      expect(await runCli(['hub', 'token', 'list', '--data', hubDir])).toBe(0);
      expect(out.join('\n')).toContain('\tviewer\t');
      const status = await fetch(`${hub.httpUrl}/api/v1/stations`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.status);
      expect(status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('creates a dock token that may run the dock and nothing a manager decides, and says so in --help', async () => {
    const hubDir = join(dir.path, 'hub');
    const hub = await Hub.start({ site: 'tok', host: '127.0.0.1', port: 0, mqttPort: 0, dataDir: hubDir });
    try {
      expect(await runCli(['hub', 'token', 'create', '--role', 'dock', '--name', 'dock desk', '--data', hubDir])).toBe(0);
      const token = out.pop()!;
      const call = (method: string, path: string, body: object) =>
        fetch(`${hub.httpUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      // The hub polls its state file once a second.
      await vi.waitFor(async () => expect((await call('POST', '/handovers', { carrier: 'sf-express', operator: 'Zhao Lei' })).status).toBe(201), { timeout: 5000, interval: 100 });
      const refused = await call('PUT', '/mappings', { channel: 'douyin', channelSku: 'DY-1', masterSku: 'DRESS-RED-M' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect(await runCli(['hub', 'token', 'list', '--data', hubDir])).toBe(0);
      expect(out.find((l) => l.includes('dock desk'))!.split('\t')[1]).toBe('dock');
    } finally {
      await hub.close();
    }
    out.length = 0;
    expect(await runCli(['hub', 'token', 'create', '--help'])).toBe(0);
    expect(out.join('\n')).toContain('--role admin|manager|dock|integration|viewer');
    expect(out.join('\n')).toMatch(/dock: opens, scans into and closes handover batches/);
  });

  it('refuses an unknown role with USAGE and an unknown id with NO_SUCH_TOKEN', async () => {
    expect(await runCli(['hub', 'token', 'create', '--role', 'overlord', '--data', dir.path])).toBe(2);
    expect(err.join('\n')).toContain('[USAGE]');
    expect(await runCli(['hub', 'token', 'create', '--role', 'admin', '--data', dir.path])).toBe(0);
    expect(await runCli(['hub', 'token', 'revoke', '--id', 'nope', '--data', dir.path])).toBe(1);
    expect(err.join('\n')).toContain('[NO_SUCH_TOKEN]');
  });
});
