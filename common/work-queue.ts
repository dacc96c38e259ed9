/** Runs async work one piece at a time, in the order given; one that fails does not stop the next. */
export class WorkQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once all the work given so far has settled. */
  async idle(): Promise<void> {
    await this.#tail;
  }
}
