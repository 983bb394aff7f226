import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './exit-codes.ts';
import type { RunOptions } from '../run/run-options.ts';
import { DEFAULTS } from '../defaults.ts';

/** The parsed command line, as commander hands it over. */
export interface CliValues {
  input?: string[];
  out: string;
  year?: number;
  config: string;
  themes?: string;
  model?: string;
  allowDownload: boolean;
  cacheDir?: string;
  k: number;
  hnswM: number;
  efConstruction: number;
  efSearch: number;
  seed: number;
  refitLayout: boolean;
  refitTopics: boolean;
  rebuildIndex: boolean;
  failFast: boolean;
  progress: boolean;
}

/** `pipeline/config/pipeline.json`: defaults a user can edit without touching code. */
const PipelineConfig = z
  .object({
    /** Year for page dates without one. */
    year: z.number().int().min(1900).max(2999).optional(),
    /** Theme watch-list, relative to the config file. */
    themes: z.string().min(1).optional(),
  })
  .passthrough();

/** The default input when none is given. */
export const DEFAULT_INPUT = DEFAULTS.input;

async function readConfig(file: string): Promise<z.infer<typeof PipelineConfig>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`${file}: config file not found; pass --config FILE`, EXIT.failed);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`, EXIT.failed);
  }
  const parsed = PipelineConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `${file}: field "${issue?.path.join('.')}" ${issue?.message ?? 'is invalid'}`,
      EXIT.failed,
    );
  }
  return parsed.data;
}

/** Merges the command line over the config file into the options of one run. */
export async function resolveRunOptions(values: CliValues): Promise<RunOptions> {
  const config = await readConfig(values.config);
  const configDir = dirname(resolve(values.config));
  const year =
    values.year !== undefined
      ? { value: values.year, source: 'option' as const }
      : config.year !== undefined
        ? { value: config.year, source: 'config' as const }
        : undefined;
  const themesFile = values.themes ?? join(configDir, config.themes ?? DEFAULTS.themesFile);
  return {
    inputs: values.input && values.input.length > 0 ? values.input : [DEFAULT_INPUT],
    outDir: values.out,
    cacheDir: values.cacheDir ?? join(values.out, 'cache'),
    ...(year ? { year } : {}),
    ...(values.model ? { model: values.model } : {}),
    allowDownload: values.allowDownload,
    k: values.k,
    index: {
      M: values.hnswM,
      efConstruction: values.efConstruction,
      efSearch: values.efSearch,
      seed: values.seed,
    },
    seed: values.seed,
    themesFile,
    refitLayout: values.refitLayout,
    refitTopics: values.refitTopics,
    rebuildIndex: values.rebuildIndex,
    failFast: values.failFast,
  };
}
