/**
 * Requests whose line and headers exceed Node's limit (16 KB by default, so a search text of
 * thousands of characters) never reach a route: Node answers a bare `431` with no body. This
 * answers them as the API answers every bad parameter, with 400 and a JSON message.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { API_LIMITS } from './api-params.ts';

/** The JSON message of an over-long request. */
export const OVERSIZED_MESSAGE = `the request is too long: search text is limited to ${API_LIMITS.maxQueryLength} characters (q) and a set to ${API_LIMITS.maxIds} papers (ids)`;

/** Node's error code for a request line and headers over the size limit. */
const HEADER_OVERFLOW = 'HPE_HEADER_OVERFLOW';

/** Makes `server` answer over-long requests with 400 JSON; other client errors keep Node's answer. */
export function answerOversizedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    if (error.code !== HEADER_OVERFLOW) {
      // Node's own answers for the rest.
      const status =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const body = JSON.stringify({ error: OVERSIZED_MESSAGE });
    socket.end(
      'HTTP/1.1 400 Bad Request\r\n' +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
