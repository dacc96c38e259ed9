import type { StationStatus } from '../../protocol/index.js';
import type { IngestSnapshot, StationIncarnation } from './checkpoint.js';
import { StationSequence } from './sequence.js';

/**
 * What ingest knows of each station from the records it stored: each incarnation's sequence, the
 * station's newest incarnation and those it left behind, its newest status, its highest seq, and
 * which incarnations a stored record made ingest ack. Pure state: the checkpoint saves it as a
 * snapshot and a start restores it.
 */
export class StationLedger {
  /** Keyed by station and incarnation (`sequenceKey`): each incarnation counts from 1. */
  readonly #sequences = new Map<string, StationSequence>();
  readonly #lastStatus = new Map<string, StationStatus>();
  /** Each known station's newest incarnation (undefined: one without), and those it replaced. */
  readonly #incarnation = new Map<string, string | undefined>();
  readonly #retired = new Set<string>();
  /** Each station's newest stored status (`#lastStatus` may be newer: a repeat is not stored): what the checkpoint keeps. */
  readonly #storedStatus = new Map<string, StationStatus>();
  /** Each station's highest seq stored, of any incarnation (from a checkpoint: of any sequence taken): no repeat is above it. */
  readonly #highestSeq = new Map<string, number>();
  /** Sequence keys a stored record made ingest ack, in the order first seen: each is acked again at start. */
  readonly #ackedKeys = new Set<string>();

  /** Each station's newest status (not older than its last birth). */
  get statuses(): ReadonlyMap<string, StationStatus> {
    return this.#lastStatus;
  }

  /** The stored sequence of a station's incarnation, made empty the first time it is asked for. */
  sequence(station: string, incarnation?: string): StationSequence {
    const key = sequenceKey(station, incarnation);
    let sequence = this.#sequences.get(key);
    if (!sequence) this.#sequences.set(key, (sequence = new StationSequence()));
    return sequence;
  }

  /** The station's newest incarnation. */
  incarnationOf(station: string): string | undefined {
    return this.#incarnation.get(station);
  }

  /** Whether the station left this incarnation behind (its payloads are stale). */
  isRetired(station: string, incarnation: string | undefined): boolean {
    return this.#retired.has(sequenceKey(station, incarnation));
  }

  /**
   * Notes the incarnation a station's payload shows. Another one than the station's newest, and
   * not one it already left behind, is a reset: the newest is retired and returned as `previous`.
   */
  seeIncarnation(station: string, incarnation: string | undefined): { previous: string | undefined } | undefined {
    if (!this.#incarnation.has(station)) {
      this.#incarnation.set(station, incarnation);
      return undefined;
    }
    const previous = this.#incarnation.get(station);
    if (previous === incarnation || this.isRetired(station, incarnation)) return undefined;
    this.#retired.add(sequenceKey(station, previous));
    this.#incarnation.set(station, incarnation);
    return { previous };
  }

  highestSeq(station: string): number {
    return this.#highestSeq.get(station) ?? 0;
  }

  noteSeq(station: string, seq: number): void {
    if (seq > this.highestSeq(station)) this.#highestSeq.set(station, seq);
  }

  /** The station's newest status; `stored` when a record holds it (the checkpoint keeps that one). */
  noteStatus(station: string, status: StationStatus, stored: boolean): void {
    this.#lastStatus.set(station, status);
    if (stored) this.#storedStatus.set(station, status);
  }

  /** A stored record of this incarnation made ingest ack it: a start acks it again. */
  noteAcked(station: string, incarnation: string | undefined): void {
    this.#ackedKeys.add(sequenceKey(station, incarnation));
  }

  /** Takes a checkpoint's state; returns the incarnations ingest had acked, to ack again. */
  restore(snapshot: IngestSnapshot): StationIncarnation[] {
    for (const { station, incarnation } of snapshot.incarnations) this.#incarnation.set(station, incarnation);
    for (const { station, incarnation } of snapshot.retired) this.#retired.add(sequenceKey(station, incarnation));
    for (const status of snapshot.statuses) this.noteStatus(status.station, status, true);
    const acked: StationIncarnation[] = [];
    for (const saved of snapshot.sequences) {
      const key = sequenceKey(saved.station, saved.incarnation);
      this.#sequences.set(key, StationSequence.restore(saved));
      this.noteSeq(saved.station, saved.ahead.at(-1)?.[1] ?? saved.contiguous);
      if (saved.acked) {
        this.#ackedKeys.add(key);
        acked.push(parseSequenceKey(key));
      }
    }
    return acked;
  }

  /** The state a checkpoint saves: acked incarnations first, in the order first seen. */
  snapshot(): IngestSnapshot {
    const keys = [...this.#ackedKeys, ...[...this.#sequences.keys()].filter((key) => !this.#ackedKeys.has(key))];
    const sequences = keys.flatMap((key) => {
      const saved = this.#sequences.get(key)?.saved();
      if (!saved || (saved.contiguous === 0 && saved.ahead.length === 0)) return [];
      return [{ ...parseSequenceKey(key), ...saved, acked: this.#ackedKeys.has(key) }];
    });
    return {
      sequences,
      statuses: [...this.#storedStatus.values()],
      incarnations: [...this.#incarnation].map(([station, incarnation]) => (incarnation === undefined ? { station } : { station, incarnation })),
      retired: [...this.#retired].map(parseSequenceKey),
    };
  }
}

/**
 * A station incarnation's key: the station id alone for a station without an incarnation (all
 * history before incarnations), else id and incarnation. Neither contains a space.
 */
export function sequenceKey(station: string, incarnation: string | undefined): string {
  return incarnation === undefined ? station : `${station} ${incarnation}`;
}

export function parseSequenceKey(key: string): StationIncarnation {
  const space = key.indexOf(' ');
  return space < 0 ? { station: key } : { station: key.slice(0, space), incarnation: key.slice(space + 1) };
}
