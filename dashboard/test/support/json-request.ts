/** JSON requests to a dashboard server, sent as the dashboard's own page sends them. */
import { request } from 'node:http';

/** A server's answer: its status and its JSON body. */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends `body` (JSON-encoded unless already a string) to `path` on the server at `base`, with the
 * server's own origin and a JSON content type when there is a body; `headers` override those.
 */
export function jsonRequest(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const url = new URL(path, base);
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          Origin: url.origin,
          'Content-Length': String(Buffer.byteLength(text)),
          ...headers,
        },
      },
      (res) => {
        let data = '';
        res.on('data', (chunk: Buffer) => (data += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(data) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
