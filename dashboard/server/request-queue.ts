/**
 * A bounded queue for the expensive API requests (each search embeds its query with the model).
 * Without a bound, a burst of requests waits in an ever longer line, and the last answers come
 * after many seconds; with it, the requests that would wait too long are told at once to come
 * back (503 with `Retry-After`), and the others are answered promptly.
 */

/** Options of {@link RequestQueue}. */
export interface RequestQueueOptions {
  /** Requests run at once (default 2, ≥ 1): the model already spreads one search over the cores. */
  concurrency?: number;
  /** Requests that may wait for a turn (default 32, ≥ 0); one more is refused. */
  maxWaiting?: number;
}

/** Thrown by {@link RequestQueue.run} when the queue is full. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

/** Runs tasks with bounded concurrency and a bounded number waiting. */
export class RequestQueue {
  readonly concurrency: number;
  readonly maxWaiting: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(options: RequestQueueOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.maxWaiting = Math.max(0, Math.floor(options.maxWaiting ?? 32));
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Runs `task` when a slot is free. Throws {@link QueueFullError} at once, without running it,
   * when all slots are busy and `maxWaiting` tasks already wait.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.maxWaiting) {
        throw new QueueFullError(
          `the server is busy: ${this.#running} searches running, ${this.#waiting.length} waiting`,
        );
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next task, so the running count stays the same.
      if (next) next();
      else this.#running--;
    }
  }
}
