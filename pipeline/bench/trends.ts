/**
 * Trends: the cost of the history (tests at every week, month and quarter boundary), the bursts
 * and the topic evolution on the 74,728 arxiv-cs-daily papers (target: ≤ 10 s together); the
 * detection methods compared on planted synthetic series and on the shuffled-days null
 * (trend-methods.ts); and, when `HF_RUN` names a pipeline run over the HF daily papers, the
 * real-data check: keyword subjects (trend-subjects.ts), the top movers of each quarter and the
 * shuffled-days null on the real series.
 *
 * The arXiv papers have no topics without a full pipeline run (minutes of embedding), so they get
 * a stand-in: 361 fine topics (the count the pipeline finds on this corpus) by a hash of the id,
 * 19 broad ones, and 4 themes by primary category. The cost depends on the numbers of papers,
 * series and periods, not on which paper is in which topic.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type {
  ArtifactName,
  PapersFile,
  ThemesFile,
  Topic,
  TopicsFile,
  TrendFlag,
  TrendScale,
} from '../src/schema/artifacts.ts';
import { artifactPath, committedRunDir } from '../src/output/run-folder.ts';
import { DEFAULT_BURST_OPTIONS, findBursts } from '../src/trends/bursts.ts';
import { computeHistory } from '../src/trends/compute-history.ts';
import { computeTrends, type TrendPaper } from '../src/trends/compute-trends.ts';
import { buildDayIndex, countByDay } from '../src/trends/day-counts.ts';
import { periodsOf, sumByPeriod, TREND_SCALES } from '../src/trends/periods.ts';
import { DEFAULT_EVOLUTION_OPTIONS, topicEvolution } from '../src/trends/topic-evolution.ts';
import { DEFAULT_FLAG_OPTIONS, flagEveryPeriod } from '../src/trends/trend-flags.ts';
import {
  DEFAULT_SYNTHETIC,
  shuffleDays,
  syntheticStreams,
  type SyntheticStreams,
} from '../test/trends/planted-series.ts';
import { ARXIV_PAPERS } from './arxiv-texts.ts';
import { loadRow, median, peakRssMiB, type Report, type ReportRow } from './report.ts';
import { burstMethod, compare, slopeMethod, twoWindowMethod } from './trend-methods.ts';
import { subjectTable } from './trend-subjects.ts';

const FINE_TOPICS = 361;
const BROAD_TOPICS = 19;
const THEMES: Record<string, string> = {
  'cs.RO': 'robotics',
  'cs.LG': 'learning',
  'cs.IT': 'information-theory',
  'cs.GR': 'graphics',
};

interface BenchPaper extends TrendPaper {
  title: string;
  abstract: string;
}

async function readArxivPapers(): Promise<BenchPaper[]> {
  if (!existsSync(ARXIV_PAPERS)) throw new Error(`benchmark corpus ${ARXIV_PAPERS} not found`);
  const lines = createInterface({ input: createReadStream(ARXIV_PAPERS).pipe(createGunzip()) });
  const papers: BenchPaper[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as {
      id: string;
      dates: string[];
      title: string;
      abstract: string;
      primary_category: string;
    };
    const hash = createHash('sha1').update(raw.id).digest().readUInt32BE(0);
    const theme = THEMES[raw.primary_category];
    papers.push({
      id: raw.id,
      dates: raw.dates,
      title: raw.title,
      abstract: raw.abstract,
      topic: hash % FINE_TOPICS,
      themes: theme ? [{ theme, score: 1 }] : [],
    });
  }
  return papers;
}

function standInTopics(): Pick<Topic, 'id' | 'level' | 'parent'>[] {
  const fine = Array.from({ length: FINE_TOPICS }, (_, id) => ({
    id,
    level: 0 as const,
    parent: FINE_TOPICS + (id % BROAD_TOPICS),
  }));
  const broad = Array.from({ length: BROAD_TOPICS }, (_, i) => ({
    id: FINE_TOPICS + i,
    level: 1 as const,
    parent: null,
  }));
  return [...fine, ...broad];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall and CPU milliseconds of each run. */
function timeRuns(runs: number, work: () => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    work();
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const timing = (t: { wall: number[]; cpu: number[] }) =>
  `${seconds(median(t.wall))} wall, ${seconds(median(t.cpu))} CPU`;

/** Cost of each part on the arXiv corpus, median of 3 runs each. */
async function costReport(): Promise<Report> {
  const papers = await readArxivPapers();
  const topics = standInTopics();
  const themes = Object.values(THEMES).map((id) => ({ id }));
  const index = buildDayIndex(papers);
  const topicKeys = topics.map((t) => String(t.id));
  const parent = new Map(topics.map((t) => [t.id, t.parent]));
  const topicRows = countByDay(papers, index, topicKeys, (p) =>
    p.topic === null ? [] : [String(p.topic), String(parent.get(p.topic))],
  );
  const themeRows = countByDay(
    papers,
    index,
    themes.map((t) => t.id),
    (p) => p.themes.map((t) => t.theme),
  );
  let historyFlags = 0;
  const history = timeRuns(3, () => {
    historyFlags = 0;
    for (const scale of TREND_SCALES) {
      const periods = periodsOf(index, scale);
      const sums = (rows: Map<string, Int32Array>) =>
        new Map([...rows].map(([key, row]) => [key, sumByPeriod(row, periods)]));
      const flags = flagEveryPeriod(
        index,
        periods,
        [
          { kind: 'topic', rows: sums(topicRows) },
          { kind: 'theme', rows: sums(themeRows) },
        ],
        DEFAULT_FLAG_OPTIONS,
      );
      historyFlags += flags.flat().length;
    }
  });
  let burstCount = 0;
  const bursts = timeRuns(3, () => {
    const weeks = periodsOf(index, 'week');
    const totals = weeks.totals.map((t) => t ?? 0);
    burstCount = 0;
    for (const rows of [topicRows, themeRows]) {
      for (const row of rows.values()) {
        burstCount += findBursts(sumByPeriod(row, weeks), totals, DEFAULT_BURST_OPTIONS).length;
      }
    }
  });
  const evolutionInput = papers.map((p, i) => ({
    title: p.title,
    abstract: p.abstract,
    topic: p.topic,
    firstDay: index.calendar[index.positions[i]![0]!] ?? null,
  }));
  let classes = 0;
  const evolution = timeRuns(3, () => {
    classes = topicEvolution(evolutionInput).reduce((s, t) => s + t.quarters.length, 0);
  });
  // Whole abstracts instead of their first 400 characters: what the opening saves.
  const wholeAbstracts = timeRuns(3, () => {
    topicEvolution(evolutionInput, { ...DEFAULT_EVOLUTION_OPTIONS, abstractChars: Infinity });
  });
  const whole = timeRuns(1, () => computeTrends({ papers, topics, themes }));
  const parts = (key: 'wall' | 'cpu') =>
    median(history[key]) + median(bursts[key]) + median(evolution[key]);
  return {
    title: `trends on arxiv-cs-daily (${papers.length} papers, ${index.calendar.length} days, ${topics.length + themes.length} series)`,
    rows: [
      {
        label: 'history: tests at every week/month/quarter',
        value: `${timing(history)}, medians of 3 (${historyFlags} tests)`,
      },
      {
        label: 'bursts (weekly batches, every series)',
        value: `${timing(bursts)}, medians of 3 (${burstCount} bursts)`,
      },
      {
        label: 'topic evolution (c-TF-IDF per topic-quarter)',
        value: `${timing(evolution)}, medians of 3 (${classes} topic-quarters)`,
      },
      {
        label: 'topic evolution on whole abstracts (not shipped)',
        value: `${timing(wholeAbstracts)}, medians of 3`,
      },
      {
        label: 'history + bursts + evolution',
        value: `${seconds(parts('wall'))} wall, ${seconds(parts('cpu'))} CPU (target ≤ 10 s)`,
      },
      { label: 'whole trends stage (computeTrends), one run', value: timing(whole) },
      { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      loadRow(),
    ],
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The methods on planted series and the shuffled null. */
export function methodReport(): Report {
  const planted: SyntheticStreams = syntheticStreams(DEFAULT_SYNTHETIC);
  const shuffled = shuffleDays(planted, 11);
  const runs: ((s: SyntheticStreams) => ReturnType<typeof twoWindowMethod>)[] = [
    ...TREND_SCALES.map((scale) => (s: SyntheticStreams) => twoWindowMethod(s, scale)),
    ...(['discrete-bh', 'bh'] as const).map((correction) => (s: SyntheticStreams) => {
      const options = { ...DEFAULT_FLAG_OPTIONS, correction };
      const all = TREND_SCALES.map((scale) => twoWindowMethod(s, scale, options));
      return {
        method: `two-window exact test, any scale (the history), ${correction}`,
        found: all.flatMap((r) => r.found),
        examined: all.reduce((n, r) => n + r.examined, 0),
        flagged: all.reduce((n, r) => n + r.flagged, 0),
      };
    }),
    (s) => twoWindowMethod(s, 'week', { ...DEFAULT_FLAG_OPTIONS, correction: 'bh' }),
    (s) => slopeMethod(s, 'week', 13),
    (s) => slopeMethod(s, 'month', 6),
    (s) => burstMethod(s),
  ];
  const rows: ReportRow[] = [];
  for (const run of runs) {
    const c = compare(run, planted, shuffled);
    const cell = (score: typeof c.rise) =>
      `miss ${percent(score.missRate)}, delay ${score.medianDelay ?? '–'} d`;
    rows.push({
      label: c.method,
      value: `rise ${cell(c.rise)} | fall ${cell(c.fall)} | ramp ${cell(c.ramp)} | null flags ${c.rise.nullDetections} | shuffled null ${percent(c.nullShare)}`,
    });
  }
  const { nullSeries, plantedPerKind, factor, papersPerDay, days } = DEFAULT_SYNTHETIC;
  return {
    title: `trend methods on planted series (${days} days, ~${papersPerDay} papers a page day, ${nullSeries} null series, ${plantedPerKind} each of step rise ×${factor}, step fall ÷${factor}, 120-day ramp ×${factor}; median delay from onset to the end of the first flagged window; miss = nothing within 180 days)`,
    rows,
  };
}

/**
 * Real-data check on an HF run folder. The history is recomputed from the run's papers, topics
 * and themes with the current trends code (the text-free part of the stage: under a second), so
 * the tables follow the code without a new pipeline run.
 */
export function hfReports(dir: string): Report[] {
  const runDir = committedRunDir(dir);
  const read = <T>(name: ArtifactName) =>
    JSON.parse(readFileSync(artifactPath(runDir, name), 'utf8')) as T;
  const papers = read<PapersFile>('papers').papers;
  const topics = read<TopicsFile>('topics').topics;
  const themes = read<ThemesFile>('themes').themes;
  const trends = computeTrends({
    papers: papers.map(({ id, dates, topic, themes }) => ({ id, dates, topic, themes })),
    topics,
    themes,
  });
  const label = new Map(topics.map((t) => [String(t.id), t.label]));
  const name = (f: Pick<TrendFlag, 'kind' | 'key'>) =>
    f.kind === 'topic' ? `${f.key} ${label.get(f.key) ?? ''}` : `theme ${f.key}`;
  const subjects: ReportRow[] = subjectTable(papers, topics, trends).map((row) => {
    const holder = (h: typeof row.fine) =>
      `${h.series} (${h.held}; own share ×${h.holderRatio?.toFixed(2) ?? '–'} at the doubling): ${h.firstFlag ? `${h.firstFlag.status} ${h.firstFlag.scale} ${h.firstFlag.window.start}, lag ${h.lagMonths} mo` : 'never flagged'}`;
    return {
      label: `${row.subject} (${row.papers} papers, ${percent(row.startShare)} at start)`,
      value: `doubled ${row.doubledMonth ?? 'never'} | fine: ${holder(row.fine)} | broad: ${holder(row.broad)}`,
    };
  });
  const movers: ReportRow[] = [];
  const quarters = trends.periods.quarter.starts;
  for (const start of quarters) {
    const flags = trends.history.filter(
      (f) => f.scale === 'quarter' && f.window.start === start && f.status !== 'new',
    );
    if (flags.length === 0) continue;
    const top = (list: TrendFlag[]) =>
      list
        .slice(0, 3)
        .map((f) => `${name(f)} ×${f.effect}`)
        .join('; ');
    const up = flags.filter((f) => f.status !== 'fading').sort((a, b) => b.effect - a.effect);
    const down = flags.filter((f) => f.status === 'fading').sort((a, b) => a.effect - b.effect);
    movers.push({ label: start, value: `up: ${top(up) || '–'} | down: ${top(down) || '–'}` });
  }
  // Shuffled-days null on the real series: every series' daily counts permuted with the days.
  const index = { calendar: trends.calendar, dayTotals: trends.dayTotals, positions: [] };
  const rows = new Map<string, Int32Array>();
  for (const [key, s] of Object.entries(trends.topics))
    rows.set(
      `t${key}`,
      Int32Array.from(s.counts, (c) => c ?? 0),
    );
  for (const [key, s] of Object.entries(trends.themes))
    rows.set(
      `h${key}`,
      Int32Array.from(s.counts, (c) => c ?? 0),
    );
  const real: SyntheticStreams = { index, rows, truth: [] };
  const nullRows: ReportRow[] = [];
  const bh = { ...DEFAULT_FLAG_OPTIONS, correction: 'bh' as const };
  const broadTopics = new Set(topics.filter((t) => t.level === 1).map((t) => String(t.id)));
  const cell = (scale: TrendScale, flagged: number, examined: number) =>
    `${scale} ${flagged}/${examined} (${percent(flagged / Math.max(1, examined))})`;
  // Every series in one family with plain BH: the method before the discrete correction.
  const oneFamily = (streams: SyntheticStreams) =>
    TREND_SCALES.map((scale) => {
      const r = twoWindowMethod(streams, scale, bh);
      return cell(scale, r.flagged, r.examined);
    }).join(', ');
  // The shipped history (two families per scale, discrete BH) on the same rows.
  const shipped = (streams: SyntheticStreams) => {
    const part = (prefix: string) =>
      new Map(
        [...streams.rows]
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, row]) => [key.slice(1), row]),
      );
    const { history } = computeHistory(
      { ...streams.index, positions: [] },
      part('t'),
      part('h'),
      DEFAULT_FLAG_OPTIONS,
      DEFAULT_BURST_OPTIONS,
      broadTopics,
    );
    return TREND_SCALES.map((scale) => {
      const moving = history.filter((f) => f.scale === scale && f.status !== 'new').length;
      return cell(scale, moving, twoWindowMethod(streams, scale).examined);
    }).join(', ');
  };
  nullRows.push({ label: 'in calendar order, shipped', value: shipped(real) });
  nullRows.push({ label: 'in calendar order, one family, BH', value: oneFamily(real) });
  for (const seed of [1, 2, 3]) {
    const shuffled = shuffleDays(real, seed);
    nullRows.push({ label: `shuffle seed ${seed}, shipped`, value: shipped(shuffled) });
    nullRows.push({ label: `shuffle seed ${seed}, one family, BH`, value: oneFamily(shuffled) });
  }
  const history = trends.history.filter((f) => f.status !== 'new');
  const tested = (scale: TrendScale) => history.filter((f) => f.scale === scale).length;
  return [
    { title: `HF run ${dir}: keyword subjects, doubling month vs first flag`, rows: subjects },
    { title: 'HF run: top movers per quarter (quarter vs the 4 before, q < 0.05)', rows: movers },
    {
      title: `HF run: flags in the history as shipped (week ${tested('week')}, month ${tested('month')}, quarter ${tested('quarter')} rising/emerging/fading, out of the series-periods tested), against every series in one family with plain BH, in calendar order and on shuffled days`,
      rows: nullRows,
    },
  ];
}

/** Every trends report. */
export async function benchTrends(): Promise<Report[]> {
  const reports = [await costReport(), methodReport()];
  const hf = process.env.HF_RUN;
  if (hf && existsSync(artifactPath(committedRunDir(hf), 'papers'))) reports.push(...hfReports(hf));
  return reports;
}
