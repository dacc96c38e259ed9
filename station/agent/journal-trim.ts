import type { Journal } from '../../common/journal.js';
import { createLogger } from '../../common/log.js';
import type { StationEvent } from '../../protocol/index.js';
import type { Outbox } from '../link/outbox.js';
import { RETENTION_CHECK_MS, trimJournal, type JournalRetention } from '../store/journal-retention.js';
import type { Recorder } from './recorder.js';

const log = createLogger('station.agent');

export interface JournalTrimOptions {
  readonly journal: Journal<StationEvent>;
  readonly outbox: Outbox;
  readonly recorder: Recorder;
  readonly retention: JournalRetention;
  /** The oldest `seq` the journal holds at start, or the next one when it holds none. */
  readonly from: number;
  /** Events were dropped: the station's status (its `journalFrom`) changed. */
  readonly onDropped: () => void;
}

/**
 * Drops the journal's acked events beyond its retention (station/store/journal-retention.ts), at
 * start and every few minutes; a failure is logged and leaves the journal whole, to be tried again.
 */
export class JournalTrim {
  /** The oldest `seq` the journal holds, or the next one when it holds none, as its retention last left it. */
  #from: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: JournalTrimOptions) {
    this.#from = options.from;
  }

  get from(): number {
    return this.#from;
  }

  start(): void {
    this.#timer = setInterval(() => this.trim(), RETENTION_CHECK_MS);
    this.#timer.unref();
  }

  trim(): void {
    const { journal, outbox, recorder, retention } = this.options;
    try {
      const trimmed = trimJournal(journal, outbox.ackedSeq, retention);
      // Empty now: the next event journaled is the oldest.
      this.#from = trimmed.firstSeq ?? recorder.lastSeq + 1;
      if (trimmed.dropped > 0) this.options.onDropped();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'journal not trimmed; it keeps every event until the next try');
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
