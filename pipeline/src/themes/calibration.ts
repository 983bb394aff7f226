/**
 * Threshold calibration for watch-list themes against weak labels (README.md in this folder has
 * the method and the measured numbers).
 *
 * No labelled data exists for user-defined themes, so keyword matches serve as weak labels: a
 * paper whose title names the theme is a positive; a paper that never mentions it is a negative;
 * the rest is left out. The threshold is the one maximizing F-beta over a grid. F-beta is three
 * lines, so it is written here rather than pulled in from a metrics package.
 */

/** 1 = weak positive, 0 = weak negative, -1 = left out of the calibration. */
export type WeakLabel = 1 | 0 | -1;

/**
 * Which matches make a positive. `title`: the title matches (cleanest, fewest positives).
 * `text`: the title matches, or the abstract matches at least twice.
 */
export type WeakLabelRule = 'title' | 'text';

/** Compiles a theme's `weakLabelPatterns` (case-insensitive, Unicode, global). */
export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((source) => new RegExp(source, 'giu'));
}

function countMatches(text: string, patterns: readonly RegExp[]): number {
  let count = 0;
  for (const pattern of patterns) count += text.match(pattern)?.length ?? 0;
  return count;
}

/**
 * The weak label of one paper. A paper matching only in its abstract, and not often enough for
 * the rule, is left out (-1): a passing mention says little either way.
 */
export function weakLabel(
  title: string,
  abstract: string,
  patterns: readonly RegExp[],
  rule: WeakLabelRule,
): WeakLabel {
  const inTitle = countMatches(title, patterns);
  const inAbstract = countMatches(abstract, patterns);
  if (inTitle > 0) return 1;
  if (rule === 'text' && inAbstract >= 2) return 1;
  return inAbstract === 0 ? 0 : -1;
}

/** Precision, recall and F-beta of one threshold. */
export interface ThresholdPoint {
  /** Cosine threshold; a paper is selected when its score is ≥ this. */
  threshold: number;
  /** Labelled papers selected (positives and negatives). */
  selected: number;
  /** Selected positives / selected; 0 when nothing is selected. */
  precision: number;
  /** Selected positives / positives. */
  recall: number;
  /** F-beta of precision and recall, 0 when both are 0. */
  f: number;
}

/** Options of {@link calibrateThreshold}. */
export interface CalibrationOptions {
  /** Weight of recall against precision. Default 2 (F2: a missed paper costs more). */
  beta?: number;
  /** Grid start, inclusive. Default 0.2. */
  from?: number;
  /** Grid end, inclusive. Default 0.8. */
  to?: number;
  /** Grid step. Default 0.01. */
  step?: number;
}

/** What {@link calibrateThreshold} returns. */
export interface Calibration {
  /** The grid point with the highest F-beta (the higher threshold on a tie). */
  best: ThresholdPoint;
  /** Every grid point, ascending threshold. */
  curve: ThresholdPoint[];
  positives: number;
  negatives: number;
}

/**
 * Chooses the score threshold that maximizes F-beta against weak labels.
 *
 * @param scores cosine score per paper.
 * @param labels weak label per paper, aligned with `scores`; -1 entries are ignored.
 * @throws {RangeError} when there are no positives: nothing to calibrate against.
 */
export function calibrateThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<WeakLabel>,
  options: CalibrationOptions = {},
): Calibration {
  const { beta = 2, from = 0.2, to = 0.8, step = 0.01 } = options;
  if (scores.length !== labels.length) {
    throw new RangeError(`${scores.length} scores but ${labels.length} labels`);
  }
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives += 1;
    else if (labels[i] === 0) negatives += 1;
  }
  if (positives === 0) {
    throw new RangeError('no weak positives: no paper matches the weak-label patterns');
  }
  const b2 = beta * beta;
  const curve: ThresholdPoint[] = [];
  const steps = Math.round((to - from) / step);
  for (let s = 0; s <= steps; s++) {
    const threshold = Math.round((from + s * step) * 1e4) / 1e4;
    let truePositives = 0;
    let selected = 0;
    for (let i = 0; i < scores.length; i++) {
      if (labels[i] === -1 || scores[i]! < threshold) continue;
      selected += 1;
      if (labels[i] === 1) truePositives += 1;
    }
    const precision = selected === 0 ? 0 : truePositives / selected;
    const recall = truePositives / positives;
    const f =
      precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
    curve.push({ threshold, selected, precision, recall, f });
  }
  let best = curve[0]!;
  for (const point of curve) if (point.f >= best.f) best = point;
  return { best, curve, positives, negatives };
}
