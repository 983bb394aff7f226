/**
 * One polite HTTP GET with a timeout and retries. A response is only returned once `accept` has
 * checked its bytes, so a caller never sees a half-received or malformed body.
 *
 * Retried: network errors (refused, reset, cut off mid-body), timeouts, 429 and 5xx, and a 200
 * whose body `accept` rejects (a truncated JSON or an HTML error page is usually a passing
 * fault). Not retried: other statuses, which will not change by asking again. The wait before a
 * retry is the server's `Retry-After` when it sends one, else exponential backoff.
 */

/** How hard to try. Every duration is in milliseconds. */
export interface RetryPolicy {
  /** Give up on a request that has not delivered its whole body after this long. Default 30,000. */
  timeoutMs: number;
  /** Further attempts after the first, ≥ 0. Default 4. */
  retries: number;
  /** Wait before the first retry; doubles on each further one. Default 1,000. */
  backoffMs: number;
  /** Cap of the backoff wait. Default 30,000. */
  maxBackoffMs: number;
  /**
   * Longest `Retry-After` honoured. A server asking for more gets no further request in this run,
   * and the day fails (the next run tries again). Default 120,000.
   */
  maxRetryAfterMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  timeoutMs: 30_000,
  retries: 4,
  backoffMs: 1_000,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** A response whose bytes were received in full. */
export interface HttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Thrown by an `accept` function: the response arrived but is not what was asked for. */
export class InvalidResponseError extends Error {
  override name = 'InvalidResponseError';
}

/** The request failed for good; `message` says what happened last and how often it was tried. */
export class HttpGetError extends Error {
  override name = 'HttpGetError';
  constructor(
    message: string,
    /** Requests made. */
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** What {@link httpGet} needs from outside; tests replace the clock and the wait. */
export interface HttpDeps {
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch, for `Retry-After` given as an HTTP date. */
  now: () => number;
}

/** Node's built-in fetch, real timers and the real clock. */
export const REAL_HTTP: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/**
 * The wait a `Retry-After` header asks for, in ms (delay-seconds or an HTTP date, RFC 9110
 * §10.2.3); null when the header is absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Describes a thrown fetch error in a few words: timeout, or the socket-level cause. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return `no complete answer within ${timeoutMs} ms`;
  }
  const cause = e.cause?.code ?? e.cause?.message;
  return `connection failed (${cause ? `${e.message}: ${cause}` : (e.message ?? String(error))})`;
}

type Attempt<T> =
  { ok: true; value: T } | { ok: false; reason: string; retry: boolean; waitMs?: number };

async function attempt<T>(
  url: string,
  accept: (response: HttpResponse) => T,
  policy: RetryPolicy,
  deps: HttpDeps,
): Promise<Attempt<T>> {
  let response: Response;
  let body: Buffer;
  try {
    response = await deps.fetch(url, {
      signal: AbortSignal.timeout(policy.timeoutMs),
      headers: { accept: 'application/json', 'user-agent': 'paper-topics (daily fetch)' },
    });
    // The body is read under the same timeout signal: a stalled or cut-off body fails here.
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    return { ok: false, reason: describeFailure(error, policy.timeoutMs), retry: true };
  }
  const { status } = response;
  if (status === 429 || status >= 500) {
    const waitMs = retryAfterMs(response.headers.get('retry-after'), deps.now());
    return {
      ok: false,
      reason: `HTTP ${status}`,
      retry: true,
      ...(waitMs !== null ? { waitMs } : {}),
    };
  }
  if (status !== 200) return { ok: false, reason: `HTTP ${status}`, retry: false };
  try {
    const value = accept({
      status,
      contentType: response.headers.get('content-type') ?? '',
      body,
    });
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof InvalidResponseError)) throw error;
    return { ok: false, reason: error.message, retry: true };
  }
}

/**
 * GETs `url` until `accept` returns a value, or the policy gives up.
 *
 * @param accept checks a 200 response and turns it into the result; throws
 *   {@link InvalidResponseError} when the body is not acceptable.
 * @throws {HttpGetError} naming the last failure and the number of attempts.
 */
export async function httpGet<T>(
  url: string,
  accept: (response: HttpResponse) => T,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  deps: HttpDeps = REAL_HTTP,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    const result = await attempt(url, accept, policy, deps);
    if (result.ok) return result.value;
    const times = tries === 1 ? '1 attempt' : `${tries} attempts`;
    if (!result.retry || tries > policy.retries) {
      throw new HttpGetError(`${result.reason} (${times})`, tries);
    }
    if (result.waitMs !== undefined && result.waitMs > policy.maxRetryAfterMs) {
      throw new HttpGetError(
        `${result.reason}, and the server asked to wait ${Math.ceil(result.waitMs / 1000)} s, ` +
          `more than the ${policy.maxRetryAfterMs / 1000} s allowed (${times})`,
        tries,
      );
    }
    const backoff = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (tries - 1));
    await deps.sleep(result.waitMs ?? backoff);
  }
}
