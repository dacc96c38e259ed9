import ts from 'typescript';

/** What a POSIX-only use is, by kind. */
export type PosixRule =
  /** A literal path under a POSIX root (`/dev/ttyACM0`, `/tmp/x`, `/proc/…`): no such folder on Windows. */
  | 'posix-path'
  /** A literal Unix socket path (`….sock`). */
  | 'unix-socket'
  /** A signal Windows never raises (`SIGHUP` for a reload, `SIGUSR1`, `SIGQUIT`…). */
  | 'posix-signal'
  /** `process.getuid()` and the other user, group and exec calls node has on POSIX only. */
  | 'posix-process-api'
  /** chmod, chown and symlink: no mode bits or owners on NTFS; symlinks need rights on Windows. */
  | 'posix-fs-call'
  /** A test of permission bits (`stat.mode & 0o077`): node reports every Windows file as 0o666. */
  | 'mode-bits'
  /** `process.kill(-pid)`: a process group, which Windows does not have. */
  | 'process-group-kill'
  /** Starting a POSIX shell or tool (`sh`, `socat`, `stty`…), or any command through a shell. */
  | 'posix-program';

export interface PosixFinding {
  readonly rule: PosixRule;
  /** The code that matched, as written. */
  readonly text: string;
  readonly line: number;
}

const POSIX_ROOT = /^\/(?:dev|tmp|proc|sys|etc|var|run|usr|bin|home)(?:\/|$)/;
/** Signals a Windows process can be sent or raise: Ctrl-C, Ctrl-Break, and the two that end it. */
const PORTABLE_SIGNALS = new Set(['SIGINT', 'SIGBREAK', 'SIGTERM', 'SIGKILL']);
const POSIX_PROCESS_API = new Set(['getuid', 'geteuid', 'getgid', 'getegid', 'setuid', 'seteuid', 'setgid', 'setegid', 'getgroups', 'setgroups', 'initgroups', 'execve']);
const POSIX_FS_CALLS = new Set(['chmod', 'chmodSync', 'fchmod', 'fchmodSync', 'lchmod', 'lchmodSync', 'chown', 'chownSync', 'fchown', 'fchownSync', 'lchown', 'lchownSync', 'symlink', 'symlinkSync']);
const SPAWNS = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync']);
const POSIX_PROGRAMS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|zsh|socat|stty|setserial|udevadm|kill|pkill|killall|fuser|lsof|chmod|chown|ln)$/;

/** `process` however it is written: `process`, `(process as …)`, `process!`. */
function isProcess(expression: ts.Expression): boolean {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isNonNullExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  return ts.isIdentifier(inner) && inner.text === 'process';
}

/** The name a call is made by: `chmod(…)`, `fs.chmod(…)`, `fs.promises.chmod(…)`. */
function calledName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/**
 * The POSIX-only uses in one source file, by walking its syntax (comments and type positions
 * are not code, so a TSDoc example like `/dev/ttyUSB0@9600` passes). Literals are judged whole:
 * help text that mentions `/dev/ttyACM0` as an example passes, a path that is one does not.
 */
export function scanPosixOnly(fileName: string, source: string): PosixFinding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const findings: PosixFinding[] = [];
  const add = (rule: PosixRule, node: ts.Node) =>
    findings.push({ rule, text: node.getText(file), line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node)) {
      if (POSIX_ROOT.test(node.text)) add('posix-path', node);
      else if (/\.sock$/.test(node.text)) add('unix-socket', node);
      else if (/^SIG[A-Z0-9]+$/.test(node.text) && !PORTABLE_SIGNALS.has(node.text)) add('posix-signal', node);
    }
    if (ts.isPropertyAccessExpression(node) && isProcess(node.expression) && POSIX_PROCESS_API.has(node.name.text)) {
      add('posix-process-api', node);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandToken) {
      const mode = [node.left, node.right].some((side) => ts.isPropertyAccessExpression(side) && side.name.text === 'mode');
      if (mode) add('mode-bits', node);
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'shell' && node.initializer.kind !== ts.SyntaxKind.FalseKeyword) add('posix-program', node);
    if (ts.isCallExpression(node)) {
      const name = calledName(node.expression);
      const [first] = node.arguments;
      if (name !== undefined && POSIX_FS_CALLS.has(name)) add('posix-fs-call', node);
      if (name !== undefined && SPAWNS.has(name) && first && ts.isStringLiteralLike(first) && POSIX_PROGRAMS.test(first.text.split(' ')[0]!)) {
        add('posix-program', node);
      }
      const kill = ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'kill' && isProcess(node.expression.expression);
      if (kill && first && ts.isPrefixUnaryExpression(first) && first.operator === ts.SyntaxKind.MinusToken) add('process-group-kill', node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}
