import { writeFileAtomicSync } from '../../common/atomic-file.js';
import { Journal } from '../../common/journal.js';
import { createLogger } from '../../common/log.js';
import { indexTasks, isPackTask, type PackTask } from '../pack/index.js';

const log = createLogger('station.store.task-log');

/** Released tasks the station keeps (newest last); older ones are asked for again. */
export const MAX_HELD_TASKS = 500;

/** A task as the log keeps it, with the count of tasks received up to and including it. */
interface TaskLine {
  readonly version: number;
  readonly task: PackTask;
}

/**
 * The released tasks the station holds. Each task the hub sends is one line appended to the
 * log (`common/journal.ts`: one synchronous write; a line torn by a crash is cut off at open),
 * so receiving a task costs one small write, not a rewrite of every task held (a rewrite per
 * order was 180 KB written and as much garbage made). Once the log holds twice
 * MAX_HELD_TASKS lines it is rewritten with the tasks held, to a temporary file fsynced and
 * renamed over it. Without a path it is kept in memory only.
 */
export class TaskLog {
  #held: PackTask[] = [];
  /** `#held` by key, made again only after it changes. */
  #index: Record<string, PackTask> | undefined;
  #version = 0;
  #lines = 0;
  #journal: Journal<TaskLine> | undefined;

  private constructor(private readonly path: string | undefined) {}

  static open(path: string | undefined): TaskLog {
    const log = new TaskLog(path);
    if (!path) return log;
    const { journal, records } = Journal.open<TaskLine>(path);
    log.#journal = journal;
    for (const line of records) {
      if (!Number.isSafeInteger(line?.version) || !isPackTask(line.task)) continue;
      log.#hold(line.task, line.version);
    }
    log.#lines = records.length;
    return log;
  }

  /** Tasks received, ever: rises by one with each; the version the station reports. */
  get version(): number {
    return this.#version;
  }

  /** The tasks held, oldest first. */
  get list(): readonly PackTask[] {
    return this.#held;
  }

  /** The tasks held by key (`indexTasks`), for `PackContext.tasks`. */
  get index(): Readonly<Record<string, PackTask>> {
    this.#index ??= indexTasks(this.#held);
    return this.#index;
  }

  /**
   * Holds `task`, replacing an older copy of it: on disk first, and in memory even when the
   * write fails (a restarted station asks the hub for a task it no longer holds).
   */
  add(task: PackTask): void {
    const line: TaskLine = { version: this.#version + 1, task };
    try {
      this.#journal?.append(line);
      this.#lines += 1;
    } catch (err) {
      log.error({ err: (err as Error).message, taskId: task.taskId }, 'released task not written; held in memory');
    }
    this.#hold(task, line.version);
    if (this.#lines >= 2 * MAX_HELD_TASKS) this.#compact();
  }

  /**
   * Drops a held task's platform print data (its label printed, or its order ended): the task is
   * kept without it, and the log is rewritten at once so the data leaves the disk too. False
   * when the task held carries none.
   */
  dropPrintData(taskId: string): boolean {
    const task = this.#held.find((held) => held.taskId === taskId);
    if (!task?.parcels?.some((parcel) => parcel.print !== undefined)) return false;
    const stripped: PackTask = { ...task, parcels: task.parcels.map(({ waybill }) => ({ waybill })) };
    this.#held = this.#held.map((held) => (held === task ? stripped : held));
    this.#index = undefined;
    this.#compact();
    return true;
  }

  close(): void {
    this.#journal?.close();
    this.#journal = undefined;
  }

  #hold(task: PackTask, version: number): void {
    const held = this.#held.filter((other) => other.taskId !== task.taskId);
    held.push(task);
    this.#held = held.length > MAX_HELD_TASKS ? held.slice(-MAX_HELD_TASKS) : held;
    this.#index = undefined;
    this.#version = version;
  }

  #compact(): void {
    const path = this.path;
    if (!path || !this.#journal) return;
    const first = this.#version - this.#held.length + 1;
    const text = this.#held.map((task, i) => `${JSON.stringify({ version: first + i, task })}\n`).join('');
    this.#journal.close();
    try {
      writeFileAtomicSync(path, text);
      this.#lines = this.#held.length;
    } catch (err) {
      log.error({ err: (err as Error).message, path }, 'task log not compacted; it keeps growing until the next try');
    } finally {
      this.#journal = Journal.open<TaskLine>(path).journal;
    }
  }
}
