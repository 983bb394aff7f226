import type { Command } from 'commander';
import { EXIT } from './exit-codes.ts';

/**
 * Parses `argv` with `program`, which it sets to throw instead of exiting: returns null when the
 * command should run, or the exit code to end with instead (0 after `--help` or `--version`, 2
 * for an invalid command line, whose message commander has already printed on stderr).
 */
export function parseCommandLine(program: Command, argv: string[]): number | null {
  program.exitOverride().configureOutput({ outputError: (text, write) => write(text) });
  try {
    program.parse(argv);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'commander.helpDisplayed' || code === 'commander.version'
      ? EXIT.ok
      : EXIT.usage;
  }
}
