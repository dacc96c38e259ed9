import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../../hub/broker/credentials.js';
import { runCli } from '../../cli/run.js';
import { tempDir } from '../helpers/temp-dir.js';

/** `packgate hub` subcommands in-process: station logins and the Mosquitto files. */
describe('packgate hub subcommands', () => {
  let out: string;
  let err: string;
  let data: string;
  const cleanups: Array<() => void> = [];
  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void (out += args.join(' ') + '\n'));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void (err += args.join(' ') + '\n'));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += chunk.toString()), true));
    const dir = tempDir();
    cleanups.push(dir.remove);
    data = join(dir.path, 'hub');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  const hub = async (...args: string[]) => {
    out = '';
    err = '';
    return runCli(['hub', ...args]);
  };
  const stations = () => JSON.parse(readFileSync(join(data, 'hub-state.json'), 'utf8')).stations as Array<{ id: string; passwordHash: string }>;

  it('issues a password once, on stdout alone, and keeps only its hash', async () => {
    expect(await hub('station', 'add', '--id', 'P1', '--data', data)).toBe(0);
    const password = out.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(err).toContain('shown once');
    expect(readFileSync(join(data, 'hub-state.json'), 'utf8')).not.toContain(password);
    expect(await verifyPassword(stations()[0]!.passwordHash, password)).toBe(true);

    expect(await hub('station', 'add', '--id', 'P1', '--data', data)).toBe(1);
    expect(err).toContain('[STATION_EXISTS]');
    expect(await hub('station', 'add', '--id', 'P1', '--replace', '--data', data)).toBe(0);
    expect(await verifyPassword(stations()[0]!.passwordHash, password)).toBe(false);
  });

  it('lists and removes stations', async () => {
    await hub('station', 'add', '--id', 'P2', '--data', data);
    await hub('station', 'add', '--id', 'P1', '--data', data);
    expect(await hub('station', 'list', '--data', data)).toBe(0);
    expect(out.split('\n').filter(Boolean).map((line) => line.split('\t')[0])).toEqual(['P2', 'P1']);
    expect(await hub('station', 'remove', '--id', 'P2', '--data', data)).toBe(0);
    expect(stations().map((s) => s.id)).toEqual(['P1']);
    expect(await hub('station', 'remove', '--id', 'P2', '--data', data)).toBe(1);
    expect(err).toContain('[NO_SUCH_STATION]');
  });

  it('prints the ACL and password files of the stations in --data', async () => {
    await hub('station', 'add', '--id', 'P1', '--data', data);
    const hubPass = join(data, 'hub.pass');
    writeFileSync(hubPass, 'hub-secret\n', { mode: 0o600 });

    expect(await hub('acl', '--format', 'mosquitto', '--site', 'wh1', '--data', data)).toBe(0);
    expect(out).toContain('user hub@wh1\ntopic readwrite packgate/v1/wh1/#\n');
    expect(out).toContain('user P1\ntopic write packgate/v1/wh1/station/P1/status\n');
    expect(await hub('acl', '--style', 'pattern', '--site', 'wh1', '--data', data)).toBe(0);
    expect(out).toContain('pattern write packgate/v1/wh1/station/%u/events\n');
    expect(out).not.toContain('user P1');

    expect(await hub('passwd', '--site', 'wh1', '--data', data, '--mqtt-password-file', hubPass)).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.map((line) => line.split(':')[0])).toEqual(['hub@wh1', 'P1']);
    expect(await verifyPassword(lines[0]!.split(':')[1]!, 'hub-secret')).toBe(true);
    expect(lines[1]).toBe(`P1:${stations()[0]!.passwordHash}`);

    expect(await hub('passwd', '--data', data)).toBe(0);
    expect(out.trim().split('\n').map((line) => line.split(':')[0])).toEqual(['P1']);
    expect(err).toContain('no line for hub@main');
  });

  it.each([
    [['station', 'fly'], 2, 'unknown hub subcommand "station fly"'],
    [['station', 'add', '--data', 'x'], 2, '--id is required'],
    [['station', 'add', '--id', 'P1', '--port', '80'], 2, '--port is not an option of `packgate hub station add`'],
    [['acl', '--format', 'hivemq'], 2, '--format hivemq is not supported'],
    [['acl', '--style', 'loose'], 2, '--style must be one of users, pattern'],
    [['--mqtt-password-file', '/nonexistent'], 2, 'are the hub\'s login on an external broker'],
    [['station', 'add', '--id', 'a/b'], 1, '[INVALID_ID]'],
  ])('refuses hub %j', async (args, code, message) => {
    expect(await hub(...args.map((arg) => (arg === 'x' ? data : arg)))).toBe(code);
    expect(err).toContain(message);
  });

  it('refuses to print files from a folder that holds no hub state', async () => {
    expect(await hub('acl', '--data', join(data, 'nowhere'))).toBe(1);
    expect(err).toContain('[NO_HUB_STATE]');
    expect(await hub('passwd', '--data', join(data, 'nowhere'))).toBe(1);
    expect(await hub('station', 'list', '--data', join(data, 'nowhere'))).toBe(1);
  });

  it('refuses an empty or unreadable password file', async () => {
    await hub('station', 'add', '--id', 'P1', '--data', data);
    const empty = join(data, 'empty.pass');
    writeFileSync(empty, '\n', { mode: 0o600 });
    expect(await hub('passwd', '--data', data, '--mqtt-password-file', empty)).toBe(1);
    expect(err).toContain('[PASSWORD_FILE_INVALID]');
    expect(await hub('passwd', '--data', data, '--mqtt-password-file', join(data, 'missing'))).toBe(1);
    expect(err).toContain('[PASSWORD_FILE_UNREADABLE]');
  });
});
