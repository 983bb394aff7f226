/**
 * Runs the standard evaluator in Python (`evaluate.py` here: scikit-learn + gensim, versions
 * pinned in `requirements.txt`) in a virtual environment under `.bench-cache/`, created and
 * filled on first use. The benchmark compares its figures with the TypeScript port
 * (`pipeline/src/topics/quality/standard-evaluator.ts`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CACHE_DIR } from '../hnsw.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const VENV = join(BENCH_CACHE_DIR, 'topic-eval-venv');
const PYTHON = join(VENV, 'bin', 'python');

/** What evaluate.py prints. */
export interface PythonScores {
  npmi: number | null;
  diversity: number | null;
  perTopic: number[];
  words: string[][];
  versions: Record<string, string>;
}

/**
 * The Python interpreter of the evaluator's environment, creating it (`python3 -m venv`, then
 * `pip install -r requirements.txt`) when missing; a sentence saying why when it cannot.
 */
export function evaluatorPython(): { python: string } | { unavailable: string } {
  const requirements = join(HERE, 'requirements.txt');
  const marker = join(VENV, 'installed.txt');
  if (!existsSync(PYTHON)) {
    const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8' });
    if (venv.status !== 0) {
      return { unavailable: `python3 -m venv failed: ${venv.stderr || venv.error?.message}` };
    }
  }
  if (!existsSync(marker)) {
    const pip = spawnSync(
      PYTHON,
      ['-m', 'pip', 'install', '--quiet', '-r', requirements, '--report', marker],
      { encoding: 'utf8' },
    );
    if (pip.status !== 0) return { unavailable: `pip install failed: ${pip.stderr.slice(-500)}` };
  }
  return { python: PYTHON };
}

/** Scores `topics` (displayed keywords, best first) on `texts` with evaluate.py. */
export function pythonScores(
  python: string,
  texts: readonly string[],
  topics: readonly (readonly string[])[],
): PythonScores {
  const run = spawnSync(python, [join(HERE, 'evaluate.py')], {
    input: JSON.stringify({ texts, topics }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`evaluate.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PythonScores;
}
