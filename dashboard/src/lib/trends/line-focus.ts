/**
 * A trend series as the app's highlight: the topic or theme it draws. The remainder series
 * ("other") stands for no one topic, so it is never highlighted.
 */
import type { Focus } from '../state/url-state.ts';
import type { TrendLine } from './trend-model.ts';

/** The highlight that `line` stands for; null for the remainder. */
export function lineFocus(line: Pick<TrendLine, 'kind' | 'key'>): Focus | null {
  if (line.kind === 'topic') return { kind: 'topic', id: Number(line.key) };
  if (line.kind === 'theme') return { kind: 'theme', id: line.key };
  return null;
}

/** Whether `focus` is the topic or theme that `line` draws. */
export function isLineFocused(focus: Focus | null, line: Pick<TrendLine, 'kind' | 'key'>): boolean {
  if (!focus) return false;
  return line.kind === focus.kind && line.key === String(focus.id);
}
