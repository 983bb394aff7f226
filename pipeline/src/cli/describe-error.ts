import { CliError, EXIT } from './exit-codes.ts';

/** Error classes (by name) that mean a broken contract rather than bad input. */
const CONTRACT_ERRORS = new Set([
  'SchemaVersionError',
  'ModelFilesError',
  'DimensionMismatchError',
  'CacheDimensionError',
]);

/** Error classes whose message already names the thing and the fix. */
const EXPECTED_ERRORS = new Set(['InputError', 'ThemeConfigError', 'ModelLoadError', 'RunError']);

/**
 * Turns any error into one line for the user and an exit code. Expected failures print their
 * message only; an unexpected one also says where it came from, and its stack is printed only
 * with DEBUG set, so bad input never shows a stack trace.
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof Error) {
    if (CONTRACT_ERRORS.has(error.name)) return { message: error.message, exitCode: EXIT.contract };
    if (error.name === 'RunLockedError') return { message: error.message, exitCode: EXIT.busy };
    if (EXPECTED_ERRORS.has(error.name)) return { message: error.message, exitCode: EXIT.failed };
    const detail = process.env.DEBUG ? `\n${error.stack ?? ''}` : ' (set DEBUG=1 for the stack)';
    return {
      message: `unexpected ${error.name}: ${error.message}${detail}`,
      exitCode: EXIT.failed,
    };
  }
  return { message: `unexpected failure: ${String(error)}`, exitCode: EXIT.failed };
}
