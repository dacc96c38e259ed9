import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../common/log.js';
import { PACKGATE_VERSION } from '../common/version.js';
import { MAX_SCAN_BYTES, PAYLOAD_VERSION, assertTopicId, type StationEvent, type StationStatus } from '../protocol/index.js';
import { HubLink } from './link/hub-link.js';
import { Outbox } from './link/outbox.js';
import type { RawScan, ScannerSource } from './scanner/source.js';
import { Journal } from '../common/journal.js';
import { openStationState, type StationState } from './store/state.js';

const log = createLogger('station.agent');

export interface StationOptions {
  readonly id: string;
  readonly site: string;
  /** MQTT URL of the hub's broker, e.g. mqtt://127.0.0.1:1883. */
  readonly hubUrl: string;
  /** Where the journal and state document live. */
  readonly dataDir: string;
  readonly scanner: ScannerSource;
  /** MQTT login; the username defaults to the station id, as `packgate hub station add` issues it. */
  readonly mqttUsername?: string;
  readonly mqttPassword?: string;
}

/**
 * The station agent: every scan becomes an event with a unique id and the next
 * per-station sequence, is journaled before anything else, and stays in the outbox
 * until the hub acknowledges it.
 */
export class StationAgent {
  readonly #unsubscribe: Array<() => void> = [];
  readonly #link: HubLink;
  readonly #drainWaiters: Array<() => void> = [];
  #lastSeq: number;
  #persistingAck: Promise<void> = Promise.resolve();

  private constructor(
    readonly options: StationOptions,
    private readonly journal: Journal<StationEvent>,
    private readonly state: StationState,
    readonly outbox: Outbox,
    lastSeq: number,
  ) {
    this.#lastSeq = lastSeq;
    this.#link = new HubLink({
      url: options.hubUrl,
      site: options.site,
      station: options.id,
      outbox,
      status: () => this.status(),
      onAck: (upTo) => this.#onAck(upTo),
      ...(options.mqttPassword !== undefined
        ? { username: options.mqttUsername ?? options.id, password: options.mqttPassword }
        : {}),
    });
  }

  static async start(options: StationOptions): Promise<StationAgent> {
    assertTopicId('station', options.id);
    mkdirSync(options.dataDir, { recursive: true });
    const { journal, records } = Journal.open<StationEvent>(join(options.dataDir, 'journal.jsonl'));
    const state = await openStationState(join(options.dataDir, 'state.json'));
    state.data.bdSeq += 1;
    await state.write();
    const lastSeq = records.at(-1)?.seq ?? 0;
    const outbox = new Outbox(records, state.data.ackedSeq);
    log.info({ station: options.id, lastSeq, pending: outbox.size }, 'station journal opened');

    const agent = new StationAgent(options, journal, state, outbox, lastSeq);
    agent.#unsubscribe.push(
      options.scanner.onScan((scan) => agent.#record(scan)),
      options.scanner.onStatus(() => agent.#link.publishStatus()),
    );
    agent.#link.start();
    await options.scanner.open();
    return agent;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get connected(): boolean {
    return this.#link.connected;
  }

  /** Resolves when the hub has acknowledged every event journaled so far. */
  drained(): Promise<void> {
    if (this.outbox.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  status(): StationStatus {
    return {
      v: PAYLOAD_VERSION,
      station: this.options.id,
      state: 'online',
      bdSeq: this.state.data.bdSeq,
      at: new Date().toISOString(),
      agent: PACKGATE_VERSION,
      lastSeq: this.#lastSeq,
      scanner: this.options.scanner.status(),
    };
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await this.options.scanner.close();
    await this.#link.close();
    await this.#persistingAck;
    this.journal.close();
  }

  #record(scan: RawScan): void {
    // A runaway device must not produce an event the hub's schema refuses; the cut is recorded.
    const bytes = Buffer.from(scan.bytes.subarray(0, MAX_SCAN_BYTES));
    const truncated = scan.bytes.byteLength > MAX_SCAN_BYTES;
    const event: StationEvent = {
      v: PAYLOAD_VERSION,
      id: randomUUID(),
      station: this.options.id,
      seq: this.#lastSeq + 1,
      at: new Date(scan.receivedAt).toISOString(),
      body: {
        type: 'scan',
        data: bytes.toString('utf8'),
        raw: bytes.toString('base64'),
        source: scan.source,
        ...(truncated ? { truncated } : {}),
      },
    };
    this.journal.append(event);
    this.#lastSeq = event.seq;
    this.outbox.add(event);
    this.#link.send(event);
  }

  #onAck(upTo: number): void {
    if (!this.outbox.ack(upTo)) return;
    this.state.data.ackedSeq = this.outbox.ackedSeq;
    // lowdb coalesces overlapping writes; losing the newest cursor to a crash only re-sends acked events.
    this.#persistingAck = this.state.write();
    if (this.outbox.size === 0) for (const wake of this.#drainWaiters.splice(0)) wake();
  }
}
