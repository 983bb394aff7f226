import type { Command } from 'commander';
import { EXIT } from './exit-codes.ts';

/**
 * Parses `argv` with a program built with `exitOverride()`: returns null when the command should
 * run, or the exit code to end with instead (0 after `--help`, 2 for an invalid command line,
 * whose message commander has already printed).
 */
export function parseCommandLine(program: Command, argv: string[]): number | null {
  try {
    program.parse(argv);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'commander.helpDisplayed' ? EXIT.ok : EXIT.usage;
  }
}
