import { readdirSync, readFileSync } from 'node:fs';

/** The `packgate` launcher (bin/packgate), as it appears on its node's command line. */
const LAUNCHER = /[\\/]bin[\\/]packgate$/;

function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
}

function parentOf(pid: string): number | undefined {
  try {
    // The command name, in parentheses, may hold spaces; the parent pid is the second field after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

/**
 * The node process running the station agent for a process started as `packgate station` or
 * `node … station` (Linux, from /proc): the process itself, unless it is still the `packgate`
 * launcher, which then started the agent as its child (cli/launch.ts). Throws when the launcher
 * has no child (yet).
 */
export function stationAgentPid(pid: number): number {
  if (!commandLine(pid).some((arg) => LAUNCHER.test(arg))) return pid;
  const child = readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && parentOf(entry) === pid);
  if (child === undefined) throw new Error(`the packgate launcher ${pid} has started no agent`);
  return Number(child);
}
