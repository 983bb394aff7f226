/**
 * `npm run demo` (first half): runs the pipeline on the shipped demo corpus (two years of Hugging
 * Face Daily Papers) into `data/demo`, seeding the embedding cache from the shipped vectors when
 * they match the bundled model. `npm run demo` then serves the dashboard on the result.
 */
import { Command, Option } from 'commander';
import { join } from 'node:path';
import { EXIT } from './exit-codes.ts';
import { silentProgress, terminalProgress } from './progress.ts';
import { describeError } from './describe-error.ts';
import { defaultRunOptions } from '../run/run-options.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import { ingestInputs } from '../ingest/ingest.ts';
import { loadTransformersEmbedder, paperText } from '../embed/transformers-embedder.ts';
import { DEMO_CORPUS, DEMO_OUT, DEMO_VECTORS, DEMO_VECTORS_INFO } from '../demo/demo-files.ts';
import { seedCacheFromShippedVectors } from '../demo/shipped-vectors.ts';

interface DemoValues {
  out: string;
  shippedVectors: boolean;
  progress: boolean;
}

function buildProgram(): Command {
  return new Command()
    .name('npm run demo --')
    .description(
      `Run the pipeline on the demo corpus (${DEMO_CORPUS}: 9,877 Hugging Face Daily Papers, ` +
        '2024-05-27 to 2026-08-21) into the output folder. The shipped embeddings are used when they ' +
        'match the bundled model; otherwise every abstract is embedded (a few minutes on 2 cores).',
    )
    .option('-o, --out <dir>', 'output folder', DEMO_OUT)
    .addOption(
      new Option('--no-shipped-vectors', 'ignore the shipped embeddings and embed every abstract'),
    )
    .addOption(new Option('--no-progress', 'no progress bars'))
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    program.parse(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'commander.helpDisplayed' ? EXIT.ok : EXIT.usage;
  }
  const values = program.opts<DemoValues>();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  try {
    const options = defaultRunOptions([DEMO_CORPUS], values.out);
    const embedder = await loadTransformersEmbedder();
    if (values.shippedVectors) {
      const ingest = await ingestInputs([DEMO_CORPUS], {});
      const texts = ingest.papers.map((p) => paperText(p.title, p.abstract));
      const seeded = await seedCacheFromShippedVectors(
        { vectors: DEMO_VECTORS, info: DEMO_VECTORS_INFO },
        options.cacheDir,
        embedder,
        texts,
      );
      log(
        seeded.used
          ? `shipped embeddings: ${seeded.added} added to ${join(options.cacheDir)} ` +
              `(model files match, ${seeded.checked} spot-checked)`
          : `shipped embeddings not used: ${seeded.reason}; embedding every abstract instead`,
      );
    }
    const outcome = await runPipeline(options, {
      log,
      progress: values.progress ? terminalProgress : silentProgress,
      loadEmbedder: async () => embedder,
    });
    await embedder.dispose();
    log(`demo ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${values.out}`);
    return outcome.rejected > 0 ? EXIT.warnings : EXIT.ok;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    log(`error: ${message}`);
    return exitCode;
  }
}

process.exitCode = await main(process.argv);
