/** Process exit codes of the pipeline command. Scripts can tell the outcomes apart. */
export const EXIT = {
  /** Finished; every record was accepted. */
  ok: 0,
  /** Could not run: missing input, unreadable model, no paper at all, unexpected failure. */
  failed: 1,
  /** Invalid command line (unknown option, bad value). */
  usage: 2,
  /** Finished, but some records or files were rejected (see rejects.json and the warnings). */
  warnings: 3,
  /** A contract was broken: model files altered, embedding dimension mismatch, unknown schema version. */
  contract: 4,
  /** Another run is writing the same output folder (its lock names the process); nothing was written. */
  busy: 5,
} as const;

/** An error the CLI reports as one line, without a stack trace, exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
