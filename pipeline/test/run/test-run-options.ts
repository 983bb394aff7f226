import type { RunOptions } from '../../src/run/run-options.ts';
import { defaultRunOptions } from '../../src/run/run-options.ts';

/** The options `npm run pipeline` would use for `inputs` and `outDir`, with year 2024. */
export function testRunOptions(inputs: string[], outDir: string): RunOptions {
  return defaultRunOptions(inputs, outDir, { year: { value: 2024, source: 'config' } });
}
