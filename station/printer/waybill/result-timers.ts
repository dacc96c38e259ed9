/** One timer per job waiting for the program's result: armed when the program accepted the print. */
export class ResultTimers {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  /** (Re)arms the job's timer: `expired` runs after `ms` unless cleared first. */
  arm(jobId: string, ms: number, expired: () => void): void {
    this.clear(jobId);
    const timer = setTimeout(() => {
      this.#timers.delete(jobId);
      expired();
    }, ms);
    this.#timers.set(jobId, timer);
  }

  clear(jobId: string): void {
    clearTimeout(this.#timers.get(jobId));
    this.#timers.delete(jobId);
  }

  clearAll(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
