import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../common/paths.js';
import { runtimeImportGraph, staticImportGraph, type ImportGraph } from './import-graph.js';
import { scanPosixOnly, type PosixRule } from './posix-scan.js';

/**
 * The station agent runs on Windows too (issue #12: the platforms' print programs are Windows
 * programs), and the tests run on Linux. These checks keep POSIX-only modules and calls off the
 * station's path: what `packgate station` may load, and the launcher that starts it.
 */

/**
 * Packages the station's path may load, each known to run on Windows. A package new to the path
 * fails the check until it is added here: make sure it runs on Windows first (pure JavaScript, or
 * native with Windows prebuilds). node's own `node:` modules all exist on Windows; what they may
 * do there is the scan's business.
 */
const WINDOWS_READY_PACKAGES: Readonly<Record<string, string>> = {
  pino: 'pure JavaScript (sonic-boom writes to a file descriptor)',
  ws: 'pure JavaScript',
  mqtt: 'pure JavaScript',
  lowdb: 'pure JavaScript (steno retries a rename that Windows refuses while the file is open elsewhere)',
  '@serialport/stream': 'pure JavaScript',
  '@serialport/bindings-cpp': 'native, with win32-x64, -ia32 and -arm64 prebuilds; ports are COMn',
  'node-hid': 'native, with Windows prebuilds; uses the Windows HID API (no libusb)',
};

/** POSIX-only uses on the path that are deliberate, each guarded by the platform: matched by file, rule and code. */
const GUARDED: ReadonlyArray<{ readonly file: string; readonly rule: PosixRule; readonly text: string; readonly why: string }> = [
  { file: 'cli/launch.ts', rule: 'posix-signal', text: "'SIGHUP'", why: 'relayed to the agent on POSIX only; on Windows (console closed) the launcher only outlives it' },
  { file: 'cli/launch.ts', rule: 'posix-process-api', text: '(process as { execve?: Execve }).execve', why: 'used only where node has it (POSIX, node 22.15 and later)' },
  { file: 'cli/commands/hub/password-file.ts', rule: 'mode-bits', text: 'statSync(path).mode & 0o077', why: 'skipped on Windows, whose permissions are not mode bits' },
  { file: 'common/atomic-file.ts', rule: 'mode-bits', text: 'statSync(dir).mode & 0o777', why: 'after a win32 return: a Windows folder inherits its ACL' },
  { file: 'common/atomic-file.ts', rule: 'posix-fs-call', text: 'chmodSync(dir, mode & PRIVATE_FOLDER_MODE)', why: 'after a win32 return, and a failure is only logged' },
  { file: 'common/lock-file.ts', rule: 'posix-path', text: "'/proc/sys/kernel/random/boot_id'", why: 'read optionally (Linux): absent elsewhere, the lock then judges by pid alone' },
  { file: 'common/lock-file.ts', rule: 'posix-path', text: '`/proc/${', why: "a process's start time, read optionally (Linux): absent elsewhere, the lock then judges by pid alone" },
  { file: 'station/camera/recorder.ts', rule: 'posix-path', text: '`/proc/${', why: "an orphaned ffmpeg's command line, read optionally (Linux): elsewhere the orphan is not ended by the next agent" },
];

/** What runs in a station agent's process, and in the launcher that starts it (bin/packgate). */
function stationPath(): { readonly agent: ImportGraph; readonly files: readonly string[] } {
  const agent = runtimeImportGraph('cli/commands/station.ts');
  const around = [staticImportGraph('cli/main.ts'), staticImportGraph('cli/launch.ts')];
  return { agent, files: ['bin/packgate', ...new Set([...agent.files, ...around.flatMap((graph) => [...graph.files])])] };
}

/** Packages a graph loads that are neither node's own nor known to run on Windows. */
function unvettedPackages(packages: Iterable<string>): string[] {
  return [...packages].filter((name) => !name.startsWith('node:') && !Object.hasOwn(WINDOWS_READY_PACKAGES, name));
}

describe("the station's path on Windows", () => {
  const { agent, files } = stationPath();

  it('reaches the drivers the agent imports only when needed', () => {
    expect(files).toEqual(expect.arrayContaining(['station/scanner/serial.ts', 'station/printer/serial.ts', 'station/scanner/hid/node-hid-opener.ts', 'cli/launch.ts']));
    expect(agent.packages).toContain('node-hid');
  });

  it('loads only packages known to run on Windows', () => {
    const launcher = staticImportGraph('cli/launch.ts');
    expect(unvettedPackages([...agent.packages, ...launcher.packages])).toEqual([]);
  });

  it('makes no POSIX-only call but the guarded ones', () => {
    const root = packageRoot();
    const found = files.flatMap((file) =>
      scanPosixOnly(file, readFileSync(join(root, file), 'utf8')).map((finding) => ({ file, rule: finding.rule, text: finding.text, line: finding.line })),
    );
    const unguarded = found.filter((use) => !GUARDED.some((guarded) => guarded.file === use.file && guarded.rule === use.rule && guarded.text === use.text));
    expect(unguarded).toEqual([]);
    // A guard whose code is gone is dropped from the list, not kept as a blank cheque.
    const stale = GUARDED.filter((guarded) => !found.some((use) => guarded.file === use.file && guarded.rule === use.rule && guarded.text === use.text));
    expect(stale).toEqual([]);
  });
});

describe('the portability checks themselves', () => {
  it('refuse a package not known to run on Windows', () => {
    expect(unvettedPackages(['node:fs', 'ws', 'unix-dgram', 'posix'])).toEqual(['unix-dgram', 'posix']);
  });

  it.each<[PosixRule, string]>([
    ['posix-path', "const tty = '/dev/ttyS0';"],
    ['posix-path', 'const dir = `/tmp/${id}`;'],
    ['unix-socket', "connect({ path: 'packgate.sock' });"],
    ['posix-signal', "process.on('SIGHUP', reload);"],
    ['posix-signal', "process.on('SIGUSR2', dump);"],
    ['posix-process-api', 'if (process.getuid() === 0) warn();'],
    ['posix-fs-call', 'chmodSync(path, 0o600);'],
    ['posix-fs-call', 'await fs.promises.chown(path, 0, 0);'],
    ['mode-bits', 'if (stat.mode & 0o077) warn();'],
    ['process-group-kill', 'process.kill(-child.pid, "SIGTERM");'],
    ['posix-program', "spawn('socat', ['pty', 'STDIO']);"],
    ['posix-program', "execSync('sh -c true');"],
    ['posix-program', "spawn(ffmpeg, args, { shell: true });"],
  ])('find %s in `%s`', (rule, code) => {
    expect(scanPosixOnly('example.ts', code)).toEqual([expect.objectContaining({ rule })]);
  });

  it('pass portable code, comments and help text that only mentions a device path', () => {
    const code = [
      "// a device path such as /dev/ttyACM0, or COM3",
      "const help = 'serial TARGET: a device path (/dev/ttyACM0, COM3)';",
      "process.on('SIGINT', stop); process.on('SIGBREAK', stop); child.kill('SIGKILL');",
      "const dir = join(tmpdir(), 'packgate'); process.kill(process.pid, signal);",
      "spawn(process.execPath, ['--optimize-for-size', bundle], { stdio: 'inherit', shell: false });",
    ].join('\n');
    expect(scanPosixOnly('example.ts', code)).toEqual([]);
  });
});
