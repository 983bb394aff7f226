import { CliError, EXIT } from './exit-codes.ts';
import { SchemaVersionError } from '../schema/artifacts.ts';
import { ModelFilesError } from '../embed/model-files.ts';
import { EmbeddingDimensionError } from '../embed/embedding-cache.ts';
import { IndexDimensionError } from '../index/hnsw-index.ts';
import { DimensionMismatchError } from '../themes/score-themes.ts';
import { ThemeConfigError } from '../themes/theme-config.ts';
import { InputError } from '../ingest/input-files.ts';
import { RunError } from '../run/run-pipeline.ts';
import { OutputPathError } from '../run/output-dir.ts';
import { RunLockedError } from '../output/run-lock.ts';
import { FetchRangeError } from '../fetch/fetch-days.ts';

/**
 * Whether `error` means a broken contract (exit 4) rather than a run that could not be done:
 * artifacts of another schema version, vectors of another dimension than the cache, the index
 * or the themes expect, or model files that differ from their checksums. A model that is simply
 * not there (`--model` names no folder, and downloads are not allowed) is a run that could not
 * be done.
 */
function isBrokenContract(error: Error): boolean {
  if (error instanceof ModelFilesError) return error.problem !== 'download-refused';
  return (
    error instanceof SchemaVersionError ||
    error instanceof EmbeddingDimensionError ||
    error instanceof IndexDimensionError ||
    error instanceof DimensionMismatchError
  );
}

/** Whether `error`'s message already names the thing and the fix (no "unexpected", no stack). */
function isExpected(error: Error): boolean {
  return (
    error instanceof InputError ||
    error instanceof ThemeConfigError ||
    error instanceof RunError ||
    error instanceof OutputPathError ||
    error instanceof ModelFilesError
  );
}

/**
 * Turns any error into one line for the user and an exit code (see `exit-codes.ts`), by the
 * error's class. Expected failures print their message only; an unexpected one also says where
 * it came from, and its stack is printed only with DEBUG set, so bad input never shows a stack
 * trace.
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof Error) {
    if (isBrokenContract(error)) return { message: error.message, exitCode: EXIT.contract };
    if (error instanceof RunLockedError) return { message: error.message, exitCode: EXIT.busy };
    // A day range that cannot be fetched is a mistake in the command line.
    if (error instanceof FetchRangeError) return { message: error.message, exitCode: EXIT.usage };
    // So is an output folder no command line may name (the file system root, an input folder).
    if (error instanceof OutputPathError && error.misuse) {
      return { message: error.message, exitCode: EXIT.usage };
    }
    if (isExpected(error)) return { message: error.message, exitCode: EXIT.failed };
    const detail = process.env.DEBUG ? `\n${error.stack ?? ''}` : ' (set DEBUG=1 for the stack)';
    return {
      message: `unexpected ${error.name}: ${error.message}${detail}`,
      exitCode: EXIT.failed,
    };
  }
  return { message: `unexpected failure: ${String(error)}`, exitCode: EXIT.failed };
}
