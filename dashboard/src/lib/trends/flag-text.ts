/** Words and numbers that explain a trend flag to a reader. */
import type { TrendFlag, TrendStatus } from '../data/artifacts.ts';
import { formatDayRange } from '../data/days.ts';

/** Short badge text and arrow per status. */
export const STATUS_TEXT: Record<TrendStatus, { label: string; symbol: string }> = {
  emerging: { label: 'Emerging', symbol: '▲' },
  rising: { label: 'Rising', symbol: '↗' },
  steady: { label: 'Steady', symbol: '→' },
  fading: { label: 'Fading', symbol: '▼' },
  new: { label: 'New', symbol: '✦' },
};

/** `0.0123` → `p = 0.012`; tiny values as `p < 0.001`. */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** `2.5` → `2.5× the baseline share`; below 1 as a fraction. */
export function formatEffect(effect: number): string {
  if (effect >= 1)
    return `${effect >= 10 ? effect.toFixed(0) : effect.toFixed(1)}× the baseline share`;
  return `${Math.round(effect * 100)}% of the baseline share`;
}

/** The evidence behind a flag, one line per fact. */
export function flagEvidence(flag: TrendFlag): string[] {
  const share = (count: number, total: number) =>
    total > 0
      ? `${count} of ${total} papers (${((100 * count) / total).toFixed(1)}%)`
      : `${count} papers`;
  const interval =
    flag.effectLow !== undefined && flag.effectHigh !== undefined
      ? ` (95% CI ${formatRatio(flag.effectLow)}–${formatRatio(flag.effectHigh)})`
      : '';
  const period = flag.scale ? `This ${flag.scale}` : 'Recent';
  return [
    `${period} ${formatDayRange(flag.window.start, flag.window.end)}: ${share(flag.recentCount, flag.recentTotal)}`,
    `Baseline ${formatDayRange(flag.baseline.start, flag.baseline.end)}: ${share(flag.baselineCount, flag.baselineTotal)}`,
    `Effect: ${formatEffect(flag.effect)}${interval} · ${formatPValue(flag.pValue)}` +
      (flag.qValue === null
        ? ''
        : ` · ${formatPValue(flag.qValue).replace('p', 'q')} after multiple testing`),
  ];
}

/** `2.345` → `2.3×`, `0.42` → `0.42×`. */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio >= 1 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}
