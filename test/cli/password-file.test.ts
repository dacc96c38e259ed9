import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readPasswordFile } from '../../cli/commands/hub/password-file.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('readPasswordFile', () => {
  let dir: ReturnType<typeof tempDir>;
  const file = (name: string, bytes: Buffer | string, mode = 0o600) => {
    const path = join(dir.path, name);
    writeFileSync(path, bytes, { mode });
    return path;
  };

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    dir.remove();
  });

  it.each([
    ['UTF-8, LF', Buffer.from('s3cret-Pass\n')],
    ['UTF-8, CR LF', Buffer.from('s3cret-Pass\r\n')],
    ['UTF-8 with a byte-order mark (Notepad)', Buffer.from('\uFEFFs3cret-Pass\r\n')],
    ['UTF-16 LE with a byte-order mark (Windows PowerShell 5 `>`)', Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('s3cret-Pass\r\n', 'utf16le')])],
  ])('reads %s', (_name, bytes) => {
    expect(readPasswordFile(file('pass', bytes))).toBe('s3cret-Pass');
  });

  it('refuses a second line with PASSWORD_FILE_INVALID', () => {
    expect(() => readPasswordFile(file('pass', 'a\nb\n'))).toThrow(expect.objectContaining({ code: 'PASSWORD_FILE_INVALID' }));
  });

  it('warns of a file others may read, except on Windows, whose permissions are not mode bits', () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const open = file('open.pass', 'x\n', 0o644);
    readPasswordFile(open, 'linux');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('readable by other users'));
    warn.mockClear();
    readPasswordFile(open, 'win32');
    expect(warn).not.toHaveBeenCalled();
  });
});
