/**
 * Load generator for the search API, run as a separate process so that the server's event
 * loop is not shared with the client: `tsx dashboard/bench/search-requests.ts <base-url> <count>
 * <concurrency>`. Prints `{latenciesMs, failures, wallMs}` as JSON on stdout.
 */
const QUERIES = [
  'merging fine-tuned models without retraining',
  'pruning large language models',
  'reinforcement learning from human feedback',
  'continual learning without forgetting',
  'low-rank adaptation of transformers',
  'efficient attention for long contexts',
  'diffusion models for image generation',
  'vision transformers for detection',
];

async function main(): Promise<void> {
  const [base, countText, concurrencyText] = process.argv.slice(2);
  const count = Number(countText);
  const concurrency = Number(concurrencyText);
  if (
    !base ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > 10_000 ||
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 64
  ) {
    process.stderr.write(
      'usage: search-requests.ts <base-url> <count 1..10000> <concurrency 1..64>\n',
    );
    process.exit(2);
  }
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const q = `${QUERIES[i % QUERIES.length]} ${i}`;
      const t0 = performance.now();
      const response = await fetch(`${base}api/search?q=${encodeURIComponent(q)}&k=10`);
      await response.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      if (!response.ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  process.stdout.write(
    `${JSON.stringify({ latenciesMs, failures, wallMs: performance.now() - started })}\n`,
  );
}

await main();

export {};
