import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../common/paths.js';
import { PtyLink } from '../firmware-sim/scanner/pty-link.js';
import type { CommandContext } from '../hub/domain/audit.js';
import type { DomainCommand } from '../hub/domain/schemas.js';
import { Hub } from '../hub/hub.js';
import { stationAgentPid } from './agent-process.js';
import type { Benchmark } from './benchmark.js';
import { BABY, DRESS, verdictLatency, type LatencyFigures } from './station-verdict-latency.js';

const SCANS = Number(process.env.PACKGATE_BENCH_STATION_SCANS ?? 10_000);
/**
 * How long the agent is left idle after the scans before its memory is read again: a packer
 * pauses between orders, and V8 gives memory back only once allocation has calmed down.
 */
const SETTLE_MS = 20_000;

/**
 * The two ways the bench starts an agent: as the `packgate` command does (its launcher starts
 * the agent's node with the station's options: the bench measures that process), and unbundled
 * on node's defaults.
 */
const LAUNCHES = {
  bin: { command: join(packageRoot(), 'bin', 'packgate'), args: [] as string[] },
  defaultV8: { command: process.execPath, args: [join(packageRoot(), 'dist', 'cli', 'main.js')] },
};

interface ResidentKb {
  readonly rss: number;
  /** Anonymous pages: the JS heap, native allocations, stacks. */
  readonly anon: number;
  /** File-backed pages: mostly the node binary's own code and data (shared, clean). */
  readonly file: number;
}

interface AgentRun {
  readonly start: ResidentKb;
  readonly end: ResidentKb;
  readonly settled: ResidentKb;
  /** The options node ran the agent with, and the script it ran, read from its command line. */
  readonly nodeOptions: string[];
  readonly script: string;
  /** MALLOC_ARENA_MAX in the agent's environment, or 'unset'. */
  readonly mallocArenaMax: string;
  readonly journalBytes: number;
  readonly seconds: number;
}

/** The agent's resident memory (kB) from /proc, or NaN off Linux. */
function residentKb(pid: number): ResidentKb {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // Not Linux: NaN below.
  }
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') };
}

/** How a running node process was started: its node options, its script, its malloc arenas. */
function launchOf(pid: number): Pick<AgentRun, 'nodeOptions' | 'script' | 'mallocArenaMax'> {
  const [, ...args] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const script = args.findIndex((arg) => !arg.startsWith('-'));
  const arenas = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((entry) => entry.startsWith('MALLOC_ARENA_MAX='));
  return { nodeOptions: args.slice(0, script), script: relative(packageRoot(), args[script] ?? ''), mallocArenaMax: arenas?.split('=')[1] ?? 'unset' };
}

/**
 * A hub in this process with an order for every four scans, and the built agent as its own
 * process, started by `launch` with a serial scanner on a pseudo-terminal and a file printer,
 * packing those orders the way a packer does (the next order once the last label printed): its
 * resident memory after SCANS scans, and once it has idled SETTLE_MS.
 */
async function agentMemory(dir: string, launch: { command: string; args: string[] }): Promise<AgentRun> {
  const began = performance.now();
  mkdirSync(dir, { recursive: true });
  const hub = await Hub.start({ site: 'bench', host: '127.0.0.1', port: 0, mqttPort: 0 });
  const link = await PtyLink.create(join(dir, 'scanner'));
  const context: CommandContext = { now: new Date(), actor: { kind: 'system', id: 'bench' } };
  const run = (command: DomainCommand) => {
    const result = hub.execute(command, context);
    if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
  };
  run({ type: 'setCatalogItem', masterSku: 'DRESS-RED-M', barcodes: [{ code: DRESS, multiplier: 1 }] });
  run({ type: 'setCatalogItem', masterSku: 'BABY-SH-01', barcodes: [{ code: BABY, multiplier: 1 }] });
  run({ type: 'setMapping', channel: 'taobao', channelSku: 'DRESS', masterSku: 'DRESS-RED-M' });
  run({ type: 'setMapping', channel: 'taobao', channelSku: 'BABY', masterSku: 'BABY-SH-01' });
  const orders = Math.ceil((SCANS - 1) / 4);
  for (let i = 0; i < orders; i += 1) {
    const lines = [{ channelSku: 'DRESS', quantity: 2 }, { channelSku: 'BABY', quantity: 1 }];
    run({ type: 'createOrder', channel: 'taobao', orderNo: `TB${i}`, waybill: `SF${i}`, label: { name: '王芳', phone: '13800001234', address: '上海市' }, lines });
  }
  const login = await hub.provisionStation('B1');
  writeFileSync(join(dir, 'b1.pass'), login.password, { mode: 0o600 });
  const child = spawn(launch.command, [
    ...launch.args, 'station', '--id', 'B1', '--site', 'bench', '--hub', hub.mqttUrl, '--scanner', `serial:${link.path}@9600,term=crlf`,
    '--printer', `file:${join(dir, 'labels.zpl')}`, '--http-port', '0', '--data', join(dir, 'B1'), '--mqtt-password-file', join(dir, 'b1.pass'),
  ], { env: { ...process.env, PACKGATE_LOG_LEVEL: 'error', NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Station B1 running') && resolve());
      child.on('exit', (code) => reject(new Error(`station exited ${code}`)));
    });
    const agent = stationAgentPid(child.pid!);
    const start = residentKb(agent);
    let waiter: { type: string; resolve: () => void } | undefined;
    const unsubscribe = hub.subscribe(hub.health().lastSeq, (record) => {
      if (record.kind === 'event' && waiter && (record.event.body.type === waiter.type || record.event.body.type === 'pack.order_unavailable')) waiter.resolve();
    });
    const expect = (type: string) => new Promise<void>((resolve) => (waiter = { type, resolve }));
    const scan = (code: string) => link.write(Buffer.from(`${code}\r\n`));
    const signedIn = expect('pack.packer_signed_in');
    scan('$PG:BADGE:W07');
    await signedIn;
    let scans = 1;
    for (let i = 0; scans < SCANS; i += 1) {
      const loaded = expect('pack.order_loaded');
      scan(`$PG:ORDER:TB${i}`);
      await loaded;
      const printed = expect('pack.label_printed');
      for (const code of [DRESS, BABY, DRESS]) scan(code);
      await printed;
      scans += 4;
    }
    unsubscribe();
    const end = residentKb(agent);
    const seconds = (performance.now() - began) / 1000;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const settled = residentKb(agent);
    const journalBytes = statSync(join(dir, 'B1', 'journal.jsonl')).size;
    return { start, end, settled, ...launchOf(agent), journalBytes, seconds };
  } finally {
    child.kill('SIGINT');
    await exited;
    await link.close();
    await hub.close();
  }
}

/** The verdict path in a node of its own, run with `nodeOptions` (the agent's). */
async function verdictLatencyUnder(nodeOptions: string[]): Promise<LatencyFigures> {
  const script = join(packageRoot(), 'dist', 'bench', 'station-verdict-latency.js');
  const child = spawn(process.execPath, [...nodeOptions, script, String(SCANS)], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`verdict latency run exited ${code}`);
  return JSON.parse(out) as LatencyFigures;
}

/**
 * The station's verdict path (target p99 under 1 ms) and its memory after 10,000 scans (target
 * under 80 MB resident), both as `packgate station` runs (bin/packgate and its V8 options), and
 * on V8's defaults for comparison. `PACKGATE_BENCH_STATION_SCANS` changes the count.
 */
export const stationVerdictBenchmark: Benchmark = {
  name: 'station-verdict',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'packgate-bench-station-'));
    try {
      const agent = await agentMemory(join(dir, 'bin'), LAUNCHES.bin);
      const latency = await verdictLatencyUnder(agent.nodeOptions);
      const defaultLatency = await verdictLatency(join(dir, 'in-process'), SCANS);
      const defaults = await agentMemory(join(dir, 'default-v8'), LAUNCHES.defaultV8);
      const mb = (kb: number) => Math.round(kb / 102.4) / 10;
      return {
        agent_script: agent.script,
        agent_node_options: agent.nodeOptions.join(' '),
        agent_malloc_arena_max: agent.mallocArenaMax,
        agent_scanner: 'serial, pseudo-terminal, 9600 baud, CRLF',
        scans: latency.scans,
        scan_to_verdict_shown_and_journaled_p50_ms: latency.p50,
        scan_to_verdict_shown_and_journaled_p99_ms: latency.p99,
        scan_to_verdict_shown_and_journaled_max_ms: latency.max,
        scan_to_verdict_default_v8_p50_ms: defaultLatency.p50,
        scan_to_verdict_default_v8_p99_ms: defaultLatency.p99,
        target_p99_ms_max: 1,
        agent_scans: SCANS,
        agent_rss_at_start_mb: mb(agent.start.rss),
        agent_rss_after_scans_mb: mb(agent.end.rss),
        agent_rss_anon_after_scans_mb: mb(agent.end.anon),
        agent_rss_file_after_scans_mb: mb(agent.end.file),
        agent_rss_settled_mb: mb(agent.settled.rss),
        target_rss_mb_max: 80,
        agent_default_v8_rss_at_start_mb: mb(defaults.start.rss),
        agent_default_v8_rss_after_scans_mb: mb(defaults.end.rss),
        agent_default_v8_rss_settled_mb: mb(defaults.settled.rss),
        agent_settle_s: SETTLE_MS / 1000,
        agent_journal_bytes: agent.journalBytes,
        agent_run_s: Math.round(agent.seconds * 10) / 10,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
