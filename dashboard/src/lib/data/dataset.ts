/**
 * The loaded data with the lookups every view needs (paper by id, topic by id, parent of a
 * topic, day positions), built once after loading. Immutable: views derive from it. A paper's
 * details (abstract, related papers) come on demand through {@link Dataset.details}.
 */
import type { Manifest, Theme, Topic, TrendFlag } from './artifacts.ts';
import {
  decodePapers,
  type BrowserTrends,
  type PaperDetails,
  type PaperSummary,
} from './browser-format.ts';
import type { DetailSource } from './detail-store.ts';
import type { LoadedArtifacts } from './load-artifacts.ts';

/** An inclusive range of ISO days. */
export interface DayRange {
  start: string;
  end: string;
}

/** Level of detail of topics: level-1 broad topics or level-0 fine topics. */
export type TopicLevel = 'broad' | 'fine';

/** The artifacts plus indexes. */
export class Dataset {
  readonly manifest: Manifest;
  /** Fingerprint of the loaded `manifest.json` (tells this run from a later one). */
  readonly source: string;
  /** In `papers.json` order (first day, then id); a paper's position is its row. */
  readonly papers: readonly PaperSummary[];
  /** Level-1 topics sorted by size (largest first). */
  readonly broadTopics: readonly Topic[];
  /** Level-0 topics sorted by size (largest first). */
  readonly fineTopics: readonly Topic[];
  readonly themes: readonly Theme[];
  readonly trends: BrowserTrends;
  readonly #details: DetailSource;
  #paperRow: Map<string, number> | null = null;
  readonly #topics = new Map<number, Topic>();
  readonly #themes = new Map<string, Theme>();
  readonly #flags = new Map<string, TrendFlag>();
  readonly #topicMembers = new Map<number, number[]>();

  constructor(artifacts: LoadedArtifacts, details: DetailSource) {
    this.manifest = artifacts.manifest;
    this.source = artifacts.source;
    this.papers = decodePapers(artifacts.papers);
    this.trends = artifacts.trends;
    this.themes = artifacts.themes.themes;
    this.#details = details;
    for (const topic of artifacts.topics.topics) this.#topics.set(topic.id, topic);
    for (const theme of this.themes) this.#themes.set(theme.id, theme);
    for (const flag of artifacts.trends.flags) this.#flags.set(`${flag.kind}:${flag.key}`, flag);
    const bySize = (a: Topic, b: Topic) => b.size - a.size || a.id - b.id;
    const topics = artifacts.topics.topics;
    this.broadTopics = topics.filter((topic) => topic.level === 1).sort(bySize);
    this.fineTopics = topics.filter((topic) => topic.level === 0).sort(bySize);
    const members = (id: number) => {
      let list = this.#topicMembers.get(id);
      if (!list) this.#topicMembers.set(id, (list = []));
      return list;
    };
    for (let row = 0; row < this.papers.length; row++) {
      const topic = this.papers[row]!.topic;
      if (topic === null) continue;
      members(topic).push(row);
      const parent = this.#topics.get(topic)?.parent;
      if (parent !== null && parent !== undefined) members(parent).push(row);
    }
  }

  /** The paper with this id, or undefined. */
  paper(id: string): PaperSummary | undefined {
    const row = this.rowOf(id);
    return row < 0 ? undefined : this.papers[row];
  }

  /** Row of a paper in `papers.json` order, or -1. */
  rowOf(id: string): number {
    // Built on first use: the first map frame needs no lookup by id.
    if (!this.#paperRow) {
      this.#paperRow = new Map();
      for (let row = 0; row < this.papers.length; row++)
        this.#paperRow.set(this.papers[row]!.id, row);
    }
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
  topicOf(paper: PaperSummary, level: TopicLevel): number | null {
    if (paper.topic === null) return null;
    return level === 'fine' ? paper.topic : (this.#topics.get(paper.topic)?.parent ?? null);
  }

  /** Rows of the papers in a topic (fine or broad), in `papers.json` order. */
  membersOf(topicId: number): readonly number[] {
    return this.#topicMembers.get(topicId) ?? [];
  }

  /**
   * The details of a paper (abstract, links, related papers), fetched on first use. Rejects
   * with a `DataProblem` when they cannot be loaded.
   */
  details(id: string): Promise<PaperDetails> {
    const row = this.rowOf(id);
    if (row < 0) return Promise.reject(new Error(`no paper ${id} in this data`));
    return this.#details.load(row);
  }

  /** The details of a paper when already loaded (never fetches). */
  loadedDetails(id: string): PaperDetails | undefined {
    const row = this.rowOf(id);
    return row < 0 ? undefined : this.#details.peek(row);
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

  /**
   * Whether the calendar spans more than one year: then every day shown carries its year,
   * since `Mar 17` alone would be ambiguous.
   */
  get spansYears(): boolean {
    const calendar = this.trends.calendar;
    return calendar.length > 0 && calendar[0]!.slice(0, 4) !== calendar.at(-1)!.slice(0, 4);
  }

  /** Whether some paper has upvotes (the input had them), so lists can sort by them. */
  get hasUpvotes(): boolean {
    return this.papers.some((paper) => paper.upvotes !== undefined);
  }

  /** The whole calendar as a range, or null when no paper has a date. */
  get fullRange(): DayRange | null {
    const calendar = this.trends.calendar;
    if (calendar.length === 0) return null;
    return { start: calendar[0]!, end: calendar[calendar.length - 1]! };
  }
}

/** Whether a paper appeared on at least one day inside the range (undated papers never do). */
export function appearedIn(paper: Pick<PaperSummary, 'dates'>, range: DayRange): boolean {
  return paper.dates.some((day) => day >= range.start && day <= range.end);
}
