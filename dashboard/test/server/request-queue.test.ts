import { describe, expect, it } from 'vitest';
import { QueueFullError, RequestQueue } from '../../server/request-queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('RequestQueue', () => {
  it('runs at most `concurrency` tasks, in arrival order, and refuses past `maxWaiting`', async () => {
    const queue = new RequestQueue({ concurrency: 2, maxWaiting: 1 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const tasks = gates.map((gate, i) =>
      queue.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect([queue.running, queue.waiting]).toEqual([2, 1]);
    await expect(queue.run(async () => 9)).rejects.toBeInstanceOf(QueueFullError);
    expect(started).toEqual([0, 1]);
    gates[0]!.resolve();
    await tasks[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect([queue.running, queue.waiting]).toEqual([2, 0]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a task that fails', async () => {
    const queue = new RequestQueue({ concurrency: 1, maxWaiting: 0 });
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});
