/**
 * Sustained load on a running dashboard server's search: `connections` clients, each sending
 * `GET /api/search` as soon as its previous answer arrived, for `seconds`. Prints the latency
 * p50 / p99 / max of all answers and of the 200s, the throughput and the count of each status.
 *
 *   npm run dashboard -- --data <run folder> --port 5190 &
 *   npx tsx dashboard/bench/search-load.ts --url http://127.0.0.1:5190 --connections 200 --seconds 20
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:5173' },
    connections: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
  },
});
const base = new URL(values.url);
const connections = Number(values.connections);
const seconds = Number(values.seconds);

const QUERIES = [
  'diffusion models for video generation',
  'reinforcement learning from human feedback',
  'mixture of experts language models',
  'retrieval augmented generation',
  'vision language model benchmark',
  'speculative decoding speedup',
  'protein structure prediction',
  'code generation agents',
  'long context attention efficiency',
  'text to speech synthesis',
  '3D gaussian splatting',
  'quantization of large language models',
  'robot manipulation policy learning',
  'chain of thought reasoning',
  'image editing with diffusion',
  'multilingual machine translation',
];

const agent = new Agent({ keepAlive: true, maxSockets: connections });

function search(query: string): Promise<number> {
  return new Promise((resolve) => {
    const path = `/api/search?q=${encodeURIComponent(query)}&k=10`;
    const req = request({ host: base.hostname, port: base.port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const all: number[] = [];
const ok: number[] = [];
const statuses = new Map<number, number>();
const end = performance.now() + seconds * 1000;
let sent = 0;

async function client(): Promise<void> {
  while (performance.now() < end) {
    const query = QUERIES[sent++ % QUERIES.length]!;
    const started = performance.now();
    const status = await search(query);
    const ms = performance.now() - started;
    all.push(ms);
    if (status === 200) ok.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    // A refused request backs off as the server asks (Retry-After: 1), like a polite client.
    if (status === 503) await new Promise((done) => setTimeout(done, 1000));
  }
}

await Promise.all(Array.from({ length: connections }, client));
agent.destroy();
all.sort((a, b) => a - b);
ok.sort((a, b) => a - b);
const fmt = (ms: number) => `${Math.round(ms)} ms`;
console.log(
  JSON.stringify({
    connections,
    seconds,
    requests: all.length,
    perSecond: Math.round((all.length / seconds) * 10) / 10,
    statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
    all: {
      p50: fmt(quantile(all, 0.5)),
      p99: fmt(quantile(all, 0.99)),
      max: fmt(all.at(-1) ?? NaN),
    },
    ok200: {
      p50: fmt(quantile(ok, 0.5)),
      p99: fmt(quantile(ok, 0.99)),
      max: fmt(ok.at(-1) ?? NaN),
    },
  }),
);
