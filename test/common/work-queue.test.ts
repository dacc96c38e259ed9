import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../common/work-queue.js';

describe('WorkQueue', () => {
  it('runs one piece of work at a time, in order, past one that fails', async () => {
    const queue = new WorkQueue();
    const log: string[] = [];
    const step = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await new Promise<void>((resolve) => setImmediate(resolve));
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = Promise.allSettled([queue.run(step('a')), queue.run(step('b', true)), queue.run(step('c'))]);
    await queue.idle();
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect((await results).map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
