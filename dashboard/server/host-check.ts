/**
 * Defence against DNS rebinding: a page on another site that points its own host name at
 * 127.0.0.1 can reach this server, but its requests carry that host name in the `Host`
 * header. Only the names the server is actually reached by are accepted: the bound address,
 * and the loopback names when it is bound to loopback (or to every interface).
 */
import type { IncomingMessage } from 'node:http';

/** Loopback names a local browser uses for this machine. */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]', '::1'];

/** Host names (without port) that requests to a server bound to `bindHost` may carry. */
export function allowedHostNames(bindHost: string): ReadonlySet<string> {
  const host = bindHost.toLowerCase();
  const names = new Set<string>([host, host.includes(':') ? `[${host}]` : host]);
  const loopback = LOOPBACK.includes(host) || host.startsWith('127.');
  const everywhere = host === '0.0.0.0' || host === '::' || host === '[::]';
  if (loopback || everywhere) for (const name of LOOPBACK) names.add(name);
  return names;
}

/** The host name of a `Host` header value, lowercased and without its port. */
export function hostNameOf(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end < 0 ? value : value.slice(0, end + 1);
  }
  const colon = value.indexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}

/**
 * Whether a request may be answered. A server bound to every interface (`0.0.0.0`) also
 * accepts IP literals, which a rebinding page cannot put in its Host header; a missing header
 * (HTTP/1.0) is refused.
 */
export function isAllowedHost(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const header = req.headers.host;
  if (!header) return false;
  const name = hostNameOf(header);
  if (allowed.has(name)) return true;
  const everywhere = allowed.has('0.0.0.0') || allowed.has('::') || allowed.has('[::]');
  return everywhere && (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.startsWith('['));
}

/** The answer to a refused host, for `sendJson`. */
export function refusedHostBody(req: IncomingMessage): { error: string } {
  return {
    error: `Host "${String(req.headers.host ?? '').slice(0, 100)}" is not served: open the address the dashboard printed (for example http://127.0.0.1:5173/).`,
  };
}
