/**
 * The loaded artifacts with the lookups every view needs (paper by id, topic by id, parent of
 * a topic, day positions), built once after loading. Immutable: views derive from it.
 */
import type {
  Manifest,
  Neighbour,
  Paper,
  Theme,
  Topic,
  TrendFlag,
  TrendsFile,
} from './artifacts.ts';
import type { LoadedArtifacts } from './load-artifacts.ts';

/** An inclusive range of ISO days. */
export interface DayRange {
  start: string;
  end: string;
}

/** Level of detail of topics: level-1 broad themes or level-0 fine topics. */
export type TopicLevel = 'broad' | 'fine';

/** The artifacts plus indexes. */
export class Dataset {
  readonly manifest: Manifest;
  /** In `papers.json` order (sorted by id). */
  readonly papers: readonly Paper[];
  /** Level-1 topics sorted by size (largest first). */
  readonly broadTopics: readonly Topic[];
  /** Level-0 topics sorted by size (largest first). */
  readonly fineTopics: readonly Topic[];
  readonly themes: readonly Theme[];
  readonly trends: TrendsFile;
  /** Neighbours per paper in `related.json`. */
  readonly relatedK: number;
  readonly #paperRow = new Map<string, number>();
  readonly #topics = new Map<number, Topic>();
  readonly #themes = new Map<string, Theme>();
  readonly #related: Record<string, Neighbour[]>;
  readonly #flags = new Map<string, TrendFlag>();
  readonly #topicMembers = new Map<number, number[]>();

  constructor(artifacts: LoadedArtifacts) {
    this.manifest = artifacts.manifest;
    this.papers = artifacts.papers.papers;
    this.trends = artifacts.trends;
    this.themes = artifacts.themes.themes;
    this.relatedK = artifacts.related.k;
    this.#related = artifacts.related.related;
    this.papers.forEach((paper, row) => this.#paperRow.set(paper.id, row));
    for (const topic of artifacts.topics.topics) this.#topics.set(topic.id, topic);
    for (const theme of this.themes) this.#themes.set(theme.id, theme);
    for (const flag of artifacts.trends.flags) this.#flags.set(`${flag.kind}:${flag.key}`, flag);
    const bySize = (a: Topic, b: Topic) => b.size - a.size || a.id - b.id;
    const topics = artifacts.topics.topics;
    this.broadTopics = topics.filter((topic) => topic.level === 1).sort(bySize);
    this.fineTopics = topics.filter((topic) => topic.level === 0).sort(bySize);
    this.papers.forEach((paper, row) => {
      if (paper.topic === null) return;
      const ids = [paper.topic, this.#topics.get(paper.topic)?.parent ?? null];
      for (const id of ids) {
        if (id === null) continue;
        const list = this.#topicMembers.get(id) ?? [];
        list.push(row);
        this.#topicMembers.set(id, list);
      }
    });
  }

  /** The paper with this id, or undefined. */
  paper(id: string): Paper | undefined {
    const row = this.#paperRow.get(id);
    return row === undefined ? undefined : this.papers[row];
  }

  /** Row of a paper in `papers.json` order, or -1. */
  rowOf(id: string): number {
    return this.#paperRow.get(id) ?? -1;
  }

  topic(id: number): Topic | undefined {
    return this.#topics.get(id);
  }

  theme(id: string): Theme | undefined {
    return this.#themes.get(id);
  }

  /** Topics at a level, largest first. */
  topicsAt(level: TopicLevel): readonly Topic[] {
    return level === 'broad' ? this.broadTopics : this.fineTopics;
  }

  /** Whether the data has broad (level-1) topics at all. */
  get hasBroadTopics(): boolean {
    return this.broadTopics.length > 0;
  }

  /**
   * The topic a paper shows at a level: its fine topic, or that topic's broad parent. Null for
   * unassigned papers (and, at the broad level, for fine topics without a parent).
   */
  topicOf(paper: Paper, level: TopicLevel): number | null {
    if (paper.topic === null) return null;
    return level === 'fine' ? paper.topic : (this.#topics.get(paper.topic)?.parent ?? null);
  }

  /** Rows of the papers in a topic (fine or broad), in `papers.json` order. */
  membersOf(topicId: number): readonly number[] {
    return this.#topicMembers.get(topicId) ?? [];
  }

  /** Precomputed neighbours of a paper, best first. */
  related(id: string): readonly Neighbour[] {
    return this.#related[id] ?? [];
  }

  /** The trend flag of a topic or theme (any status, `steady` included), when it was tested. */
  flag(kind: 'topic' | 'theme', key: string | number): TrendFlag | undefined {
    return this.#flags.get(`${kind}:${key}`);
  }

  /** The flag of a topic or theme when it says something moved (any status but `steady`). */
  movingFlag(kind: 'topic' | 'theme', key: string | number): TrendFlag | undefined {
    const flag = this.flag(kind, key);
    return flag && flag.status !== 'steady' ? flag : undefined;
  }

  /** Page days (calendar days that had a page), ascending. */
  get pageDays(): string[] {
    return this.trends.calendar.filter((_, i) => this.trends.dayTotals[i] !== null);
  }

  /** The whole calendar as a range, or null when no paper has a date. */
  get fullRange(): DayRange | null {
    const calendar = this.trends.calendar;
    if (calendar.length === 0) return null;
    return { start: calendar[0]!, end: calendar[calendar.length - 1]! };
  }
}

/** Whether a paper appeared on at least one day inside the range (undated papers never do). */
export function appearedIn(paper: Paper, range: DayRange): boolean {
  return paper.dates.some((day) => day >= range.start && day <= range.end);
}
