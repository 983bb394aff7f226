/**
 * Test-only fault injection at the pipeline's file-system steps.
 *
 * Every step that changes the output folder (creating the generation folder, writing a file,
 * flushing it, switching `current`, removing an old generation) first calls {@link crashPoint}.
 * Two environment variables, read only here, let a test stop the real command there:
 *
 * - `PAPER_TOPICS_CRASH_AT=<n>`: the process kills itself with SIGKILL at the n-th step (1-based),
 *   as a `kill -9` or a power cut would stop it: no `finally`, no exit handlers, no flush.
 * - `PAPER_TOPICS_STEP_LOG=<file>`: each step's label is appended to `file`, one per line, before
 *   the step runs, so a test can list every injection point of a run and name what each left.
 *
 * Unset (the default), a step costs one counter increment.
 */
import { appendFileSync } from 'node:fs';

const crashAt = Number(process.env.PAPER_TOPICS_CRASH_AT ?? 0);
const stepLog = process.env.PAPER_TOPICS_STEP_LOG;
let steps = 0;

/**
 * Marks the start of one file-system step named `label` (for example `write papers.json`);
 * see the module comment for what the environment can make it do.
 */
export function crashPoint(label: string): void {
  steps += 1;
  if (stepLog) appendFileSync(stepLog, `${steps}\t${label}\n`);
  if (steps === crashAt) process.kill(process.pid, 'SIGKILL');
}
