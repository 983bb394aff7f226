/**
 * The replay server as a command, to try `npm run fetch` / `npm run update` by hand without the
 * network:
 *
 *   npx tsx pipeline/test/fetch/serve-recordings.ts [port] [recordings dir ...]
 *
 * Default port 8787; default recordings: the shared raw HF days, else the test fixtures.
 */
import { existsSync } from 'node:fs';
import { startReplayServer } from './replay-server.ts';
import { sharedDataset } from '../ingest/shared-datasets.ts';

const [portArg, ...dirs] = process.argv.slice(2);
const shared = sharedDataset('hf-daily-papers/raw/Paper_metadata_download');
const recordings =
  dirs.length > 0 ? dirs : [existsSync(shared) ? shared : 'pipeline/test/fixtures/fetch'];
const server = await startReplayServer(recordings, 0, Number(portArg ?? 8787));
process.stderr.write(`replaying ${recordings.join(', ')} on ${server.baseUrl}\n`);
