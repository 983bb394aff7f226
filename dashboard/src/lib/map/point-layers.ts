/**
 * Papers grouped for drawing: one layer per colour, so that a frame draws each colour as a
 * single canvas path (a few thousand `fill` calls would cost more than the points themselves).
 * Layers change only when the level of detail, the filter or the highlight changes; a pan or
 * zoom reuses them.
 */
import type { PaperSummary } from '../data/browser-format.ts';
import { appearedIn, type Dataset, type DayRange, type TopicLevel } from '../data/dataset.ts';
import type { Focus } from '../state/url-state.ts';
import { DIMMED_COLOR, UNASSIGNED_COLOR } from './palette.ts';

/** Papers of one colour, in drawing order. */
export interface PointLayer {
  color: string;
  /** Rows in `papers.json` order. */
  rows: Uint32Array;
  /** Map coordinates of those rows, [0, 1]. */
  xs: Float32Array;
  ys: Float32Array;
  /** Drawn smaller than topic points (dimmed and unassigned papers). */
  small: boolean;
}

/** What decides whether a paper is drawn in full colour or dimmed. */
export interface Emphasis {
  range: DayRange | null;
  focus: Focus | null;
  /** Rows a search found; when given, every other paper is dimmed. */
  matches?: ReadonlySet<number> | null;
}

/** Whether a paper passes the day range, the highlighted topic or theme and the search. */
export function isEmphasized(
  dataset: Dataset,
  paper: PaperSummary,
  emphasis: Emphasis,
  row?: number,
): boolean {
  if (emphasis.matches && row !== undefined && !emphasis.matches.has(row)) return false;
  if (emphasis.range && !appearedIn(paper, emphasis.range)) return false;
  const focus = emphasis.focus;
  if (!focus) return true;
  if (focus.kind === 'theme') return paper.themes.some((score) => score.theme === focus.id);
  return paper.topic === focus.id || dataset.topicOf(paper, 'broad') === focus.id;
}

/**
 * Layers in drawing order: dimmed papers first, then unassigned, then one layer per topic
 * colour (largest topic first, so small topics stay visible on top).
 */
export function buildPointLayers(
  dataset: Dataset,
  level: TopicLevel,
  colors: ReadonlyMap<number, string>,
  emphasis: Emphasis,
): PointLayer[] {
  const groups = new Map<string, { rows: number[]; small: boolean }>();
  const add = (key: string, row: number, small: boolean) => {
    const group = groups.get(key) ?? { rows: [], small };
    group.rows.push(row);
    groups.set(key, group);
  };
  const dimmed = 'dimmed';
  const unassigned = 'unassigned';
  groups.set(dimmed, { rows: [], small: true });
  groups.set(unassigned, { rows: [], small: true });
  for (const topic of dataset.topicsAt(level)) {
    const color = colors.get(topic.id);
    if (color && !groups.has(color)) groups.set(color, { rows: [], small: false });
  }
  dataset.papers.forEach((paper, row) => {
    if (!isEmphasized(dataset, paper, emphasis, row)) return add(dimmed, row, true);
    const topic = dataset.topicOf(paper, level);
    const color = topic === null ? undefined : colors.get(topic);
    if (color === undefined) return add(unassigned, row, true);
    add(color, row, false);
  });
  const layers: PointLayer[] = [];
  for (const [key, group] of groups) {
    if (group.rows.length === 0) continue;
    const rows = Uint32Array.from(group.rows);
    const xs = new Float32Array(rows.length);
    const ys = new Float32Array(rows.length);
    rows.forEach((row, i) => {
      const paper = dataset.papers[row]!;
      xs[i] = paper.x;
      ys[i] = paper.y;
    });
    const color = key === dimmed ? DIMMED_COLOR : key === unassigned ? UNASSIGNED_COLOR : key;
    layers.push({ color, rows, xs, ys, small: group.small });
  }
  return layers;
}

/** Number of emphasized papers in the layers (everything but the dimmed layer). */
export function emphasizedCount(layers: readonly PointLayer[]): number {
  return layers
    .filter((layer) => layer.color !== DIMMED_COLOR)
    .reduce((sum, layer) => sum + layer.rows.length, 0);
}
