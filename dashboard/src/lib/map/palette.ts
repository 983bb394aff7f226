/**
 * Topic colours in hue families: each broad topic gets a distinct base hue and its fine topics
 * get neighbouring hues and lightnesses, so that switching the level of detail keeps the map
 * readable (a fine topic looks like a shade of its broad topic). Colours are computed in CIE
 * HCL (d3-color) so that lightness steps look even.
 */
import { hcl } from 'd3';
import type { Topic } from '../data/artifacts.ts';

/** Colour of papers that fit no topic. */
export const UNASSIGNED_COLOR = '#b4b9c3';
/** Colour of papers dimmed by a filter or highlight. */
export const DIMMED_COLOR = '#dfe2e7';

/** Tableau 10 without its grey, the base hues of the first broad topics. */
const BASE_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
];

function baseColor(index: number): string {
  if (index < BASE_COLORS.length) return BASE_COLORS[index]!;
  // Golden-angle hue steps keep later families apart from each other.
  return hcl((index * 137.508 + 20) % 360, 45, 62).formatHex();
}

/**
 * Colours for `count` members of a family: hues spread over the family's sector of the colour
 * wheel (wide when there are few families, so fine topics stay distinguishable; at most 120°),
 * lightness alternating between 40 and 72 so that neighbours differ in two ways.
 */
function family(base: string, count: number, families: number): string[] {
  const origin = hcl(base);
  if (count === 1) return [origin.formatHex()];
  const sector = Math.min(120, (360 / Math.max(families, 1)) * 0.8, 14 * count);
  return Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    const lightness = i % 2 === 0 ? 40 + 20 * t : 72 - 20 * t;
    return hcl(origin.h + (t - 0.5) * sector, Math.max(origin.c, 40), lightness).formatHex();
  });
}

/**
 * One colour per topic id (broad and fine). Broad topics are ordered by size, largest first
 * (so the largest gets the first base colour); fine topics take shades of their parent in
 * order of size. Fine topics without a parent get base colours after the broad topics.
 */
export function topicColors(
  broadTopics: readonly Topic[],
  fineTopics: readonly Topic[],
): Map<number, string> {
  const colors = new Map<number, string>();
  const bySize = (a: Topic, b: Topic) => b.size - a.size || a.id - b.id;
  const broad = [...broadTopics].sort(bySize);
  broad.forEach((topic, i) => {
    const base = baseColor(i);
    colors.set(topic.id, base);
    const children = fineTopics.filter((fine) => fine.parent === topic.id).sort(bySize);
    family(base, children.length, broad.length).forEach((shade, j) =>
      colors.set(children[j]!.id, shade),
    );
  });
  const orphans = fineTopics.filter((fine) => !colors.has(fine.id)).sort(bySize);
  orphans.forEach((topic, i) => colors.set(topic.id, baseColor(broad.length + i)));
  return colors;
}

/** Colours of watch-list themes, in their configured order (d3's Dark2 scheme, then HCL steps). */
export function themeColors(themeIds: readonly string[]): Map<string, string> {
  const scheme = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d'];
  return new Map(
    themeIds.map((id, i) => [id, scheme[i] ?? hcl((i * 137.508) % 360, 55, 50).formatHex()]),
  );
}

/** A darker shade of a topic colour for text on a light background (labels stay readable). */
export function labelInk(color: string): string {
  const shade = hcl(color);
  return hcl(shade.h, Math.min(shade.c * 1.1, 70), Math.min(shade.l, 60) - 14).formatHex();
}
