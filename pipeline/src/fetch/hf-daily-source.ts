/**
 * The Hugging Face Daily Papers API as a source of days: the request URL of a day, and the check
 * a response must pass before it is saved. The check is the pipeline's own reader
 * (`ingest/parse-hf-api-json.ts`), so a saved day is one the pipeline can read.
 */
import { parseHfApiJson } from '../ingest/parse-hf-api-json.ts';
import { InvalidResponseError, type HttpResponse } from './http-get.ts';

/** The public site; `--base-url` replaces it for mirrors and tests. */
export const HF_BASE_URL = 'https://huggingface.co';

/** URL of one day's list: `<base>/api/daily_papers?date=YYYY-MM-DD`. */
export function dayUrl(baseUrl: string, day: string): string {
  const url = new URL('/api/daily_papers', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('date', day);
  return url.toString();
}

/** A day's response that passed the check: its bytes as received and how many papers it lists. */
export interface DayBody {
  body: Buffer;
  /** Entries the pipeline's reader accepts; 0 for an empty day. */
  papers: number;
  /** Entries the reader would reject (kept in the file; the pipeline lists them in rejects.json). */
  badEntries: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks one 200 response of the daily_papers API for `day`.
 *
 * @throws {InvalidResponseError} for an HTML page, bytes that are not UTF-8, JSON that does not
 *   parse (a truncated body) or JSON of another shape.
 */
export function acceptDay(day: string, response: HttpResponse): DayBody {
  const { body, contentType } = response;
  const head = body.subarray(0, 64).toString('latin1').trimStart().toLowerCase();
  if (/html/i.test(contentType) || head.startsWith('<')) {
    throw new InvalidResponseError(
      `an HTML page (content-type ${contentType || 'none'}), not the API's JSON`,
    );
  }
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new InvalidResponseError('a body that is not UTF-8 text');
  }
  const parsed = parseHfApiJson(text, `${day}.json`);
  const whole = parsed.rejects.find((reject) => reject.source.line === 0);
  // An empty list is a day without papers (a weekend): a valid answer, saved as it came.
  if (whole?.reason === 'no-papers') return { body, papers: 0, badEntries: 0 };
  if (whole) {
    throw new InvalidResponseError(`${whole.reason}: ${whole.message} (${body.length} bytes)`);
  }
  return { body, papers: parsed.records.length, badEntries: parsed.rejects.length };
}
