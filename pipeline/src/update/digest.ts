/**
 * The short terminal digest after an update: what the new papers are about, which topics were
 * born, and which topics and themes are rising or fading, with the evidence behind each flag.
 * Pure: it reads the artifacts handed to it and returns data; {@link formatDigest} makes lines.
 */
import type {
  PapersFile,
  ThemesFile,
  TopicsFile,
  TrendFlag,
  TrendsFile,
} from '../schema/artifacts.ts';

/** Topics listed at most in the "new papers by topic" part; the rest are summed up. */
export const DIGEST_TOPICS = 8;
/** Titles shown per topic. */
export const DIGEST_TITLES = 2;
/** Rising and fading series listed at most, each. */
export const DIGEST_FLAGS = 5;

/** New papers of one fine topic (or of no topic). */
export interface TopicNews {
  /** Fine topic id; null for papers that fit no topic. */
  topic: number | null;
  label: string;
  count: number;
  /** Up to {@link DIGEST_TITLES} titles, in paper order. */
  titles: string[];
}

/** A rising or fading series and its evidence. */
export interface FlagNews {
  kind: TrendFlag['kind'];
  label: string;
  status: TrendFlag['status'];
  /** One line: counts and shares in both windows, effect and q-value. */
  evidence: string;
}

/** What the digest says. */
export interface Digest {
  /** Papers in this run that the previous run did not have. */
  newPapers: number;
  /** False on the first run into a folder: every paper is new and no topic is "born". */
  hadPrevious: boolean;
  /** New papers grouped by fine topic, largest group first. */
  byTopic: TopicNews[];
  /** Fine topics with no counterpart in the previous run. */
  born: { id: number; label: string; size: number }[];
  rising: FlagNews[];
  fading: FlagNews[];
  /** The last page day of the trends. */
  lastDay: string | null;
}

/** The artifacts of the finished run, and the paper ids of the run before it (null: none). */
export interface DigestInput {
  previousIds: ReadonlySet<string> | null;
  papers: PapersFile;
  topics: TopicsFile;
  themes: ThemesFile;
  trends: TrendsFile;
}

function percent(count: number, total: number): string {
  return total > 0 ? `${((100 * count) / total).toFixed(1)} %` : '–';
}

/** The evidence of a flag in one line, for example `12/80 papers (15.0 %) on 2025-07-15…21 …`. */
export function flagEvidence(flag: TrendFlag): string {
  const q = flag.qValue === null ? 'untested' : `q ${flag.qValue}`;
  return (
    `${flag.recentCount}/${flag.recentTotal} papers (${percent(flag.recentCount, flag.recentTotal)}) ` +
    `${flag.window.start}…${flag.window.end} against ${flag.baselineCount}/${flag.baselineTotal} ` +
    `(${percent(flag.baselineCount, flag.baselineTotal)}) ${flag.baseline.start}…${flag.baseline.end}; ` +
    `×${flag.effect}, p ${flag.pValue}, ${q}`
  );
}

/** Builds the digest of a run. */
export function buildDigest(input: DigestInput): Digest {
  const topicLabel = new Map(input.topics.topics.map((t) => [t.id, t.label]));
  const themeLabel = new Map(input.themes.themes.map((t) => [t.id, t.label]));
  const fresh = input.papers.papers.filter((p) => !input.previousIds?.has(p.id));

  const groups = new Map<number | null, TopicNews>();
  for (const paper of fresh) {
    let group = groups.get(paper.topic);
    if (!group) {
      const label =
        paper.topic === null ? '(no topic)' : (topicLabel.get(paper.topic) ?? `#${paper.topic}`);
      group = { topic: paper.topic, label, count: 0, titles: [] };
      groups.set(paper.topic, group);
    }
    group.count += 1;
    if (group.titles.length < DIGEST_TITLES) group.titles.push(paper.title);
  }
  const byTopic = [...groups.values()].sort(
    (a, b) => b.count - a.count || a.label.localeCompare(b.label),
  );

  const bornIds = new Set(input.previousIds ? input.topics.changes.born : []);
  const born = input.topics.topics
    .filter((t) => t.level === 0 && bornIds.has(t.id))
    .map((t) => ({ id: t.id, label: t.label, size: t.size }))
    .sort((a, b) => b.size - a.size || a.id - b.id);

  const news = (flag: TrendFlag): FlagNews => ({
    kind: flag.kind,
    label:
      flag.kind === 'topic'
        ? (topicLabel.get(Number(flag.key)) ?? `#${flag.key}`)
        : `theme ${themeLabel.get(flag.key) ?? flag.key}`,
    status: flag.status,
    evidence: flagEvidence(flag),
  });
  const byP = (a: TrendFlag, b: TrendFlag) => a.pValue - b.pValue || a.key.localeCompare(b.key);
  const flags = input.trends.flags;
  const rising = flags
    .filter((f) => f.status === 'emerging' || f.status === 'rising')
    .sort(byP)
    .slice(0, DIGEST_FLAGS)
    .map(news);
  const fading = flags
    .filter((f) => f.status === 'fading')
    .sort(byP)
    .slice(0, DIGEST_FLAGS)
    .map(news);

  return {
    newPapers: fresh.length,
    hadPrevious: input.previousIds !== null,
    byTopic,
    born,
    rising,
    fading,
    lastDay: input.trends.calendar.at(-1) ?? null,
  };
}

/** The digest as terminal lines. */
export function formatDigest(digest: Digest): string[] {
  const lines: string[] = [];
  const head = digest.hadPrevious
    ? `${digest.newPapers} new papers`
    : `${digest.newPapers} papers (first run in this folder)`;
  lines.push(`── digest${digest.lastDay ? ` up to ${digest.lastDay}` : ''}: ${head}`);
  if (digest.newPapers > 0) {
    lines.push('new papers by topic:');
    for (const group of digest.byTopic.slice(0, DIGEST_TOPICS)) {
      lines.push(`  ${String(group.count).padStart(4)}  ${group.label}`);
      for (const title of group.titles) lines.push(`          · ${title}`);
    }
    const rest = digest.byTopic.slice(DIGEST_TOPICS);
    if (rest.length > 0) {
      const papers = rest.reduce((sum, g) => sum + g.count, 0);
      lines.push(`        … and ${papers} papers in ${rest.length} more topics`);
    }
  }
  if (digest.hadPrevious) {
    lines.push(
      digest.born.length === 0
        ? 'topics born: none'
        : `topics born: ${digest.born.map((t) => `${t.label} (${t.size})`).join('; ')}`,
    );
  }
  const flagLines = (title: string, flags: FlagNews[]) => {
    lines.push(flags.length === 0 ? `${title}: none` : `${title}:`);
    for (const flag of flags) {
      lines.push(`  ${flag.status.padEnd(8)} ${flag.label}`);
      lines.push(`           ${flag.evidence}`);
    }
  };
  flagLines('rising', digest.rising);
  flagLines('fading', digest.fading);
  return lines;
}
