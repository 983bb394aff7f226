/**
 * Topic labels on the first map view of a pipeline run, placed three ways: the previous
 * greedy placer (a label is dropped when it overlaps one already placed or the canvas edge),
 * a d3-force simulation (labels pulled to their anchors, pushed apart by collision circles,
 * then clamped into the canvas), and `placeLabels` (candidate positions around the anchor,
 * fewest hidden points, leader lines). For each: broad topics labelled, points hidden under
 * labels, label overlaps, labels cut by the canvas edge, distance from the anchor, and time
 * (median of 20 runs).
 *
 * Run: `npx tsx dashboard/bench/label-bench.ts <data-dir> [width height]` (default 1040 × 700,
 * the map canvas of a 1440 × 900 window).
 */
import { artifactPath, committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forceCollide, forceSimulation, forceX, forceY, zoomIdentity } from 'd3';
import type { PapersFile, TopicsFile } from '../src/lib/data/artifacts.ts';
import { fitMap, toScreen } from '../src/lib/map/map-geometry.ts';
import {
  labelWidth,
  placeLabels,
  PointDensity,
  type LabelCandidate,
} from '../src/lib/map/label-layout.ts';
import { median, printReport, type Report } from '../../pipeline/bench/report.ts';

/** A label's box centre and size. */
interface Box {
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  anchorX: number;
  anchorY: number;
}

/** The greedy placer the map used before `placeLabels`: first come, first placed, else dropped. */
function greedy(candidates: readonly LabelCandidate[], width: number, height: number): Box[] {
  const placed: Box[] = [];
  for (const c of [...candidates].sort((a, b) => b.priority - a.priority || a.id - b.id)) {
    const w = labelWidth(c.text, c.fontSize);
    const h = c.fontSize * 1.5;
    const left = c.x - w / 2;
    const top = c.y - h / 2;
    if (left < 0 || top < 0 || left + w > width || top + h > height) continue;
    const overlaps = placed.some(
      (o) => Math.abs(o.x - c.x) * 2 < o.width + w && Math.abs(o.y - c.y) * 2 < o.height + h,
    );
    if (!overlaps)
      placed.push({ id: c.id, x: c.x, y: c.y, width: w, height: h, anchorX: c.x, anchorY: c.y });
  }
  return placed;
}

/** d3-force: anchors pull, collision circles (radius = half the label width) push apart. */
function forced(candidates: readonly LabelCandidate[], width: number, height: number): Box[] {
  const nodes = candidates.map((c) => ({
    id: c.id,
    x: c.x,
    y: c.y,
    ax: c.x,
    ay: c.y,
    w: labelWidth(c.text, c.fontSize),
    h: c.fontSize * 1.5,
  }));
  forceSimulation(nodes)
    .force('x', forceX<(typeof nodes)[number]>((n) => n.ax).strength(0.1))
    .force('y', forceY<(typeof nodes)[number]>((n) => n.ay).strength(0.1))
    .force('collide', forceCollide<(typeof nodes)[number]>((n) => n.w / 2).iterations(2))
    .stop()
    .tick(300);
  return nodes.map((n) => ({
    id: n.id,
    x: Math.max(n.w / 2, Math.min(width - n.w / 2, n.x)),
    y: Math.max(n.h / 2, Math.min(height - n.h / 2, n.y)),
    width: n.w,
    height: n.h,
    anchorX: n.ax,
    anchorY: n.ay,
  }));
}

function measure(
  name: string,
  place: () => Box[],
  broadIds: ReadonlySet<number>,
  density: PointDensity,
  width: number,
  height: number,
): Report['rows'] {
  const times: number[] = [];
  let boxes: Box[] = [];
  for (let run = 0; run < 20; run++) {
    const start = performance.now();
    boxes = place();
    times.push(performance.now() - start);
  }
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (
        Math.abs(a.x - b.x) * 2 < a.width + b.width &&
        Math.abs(a.y - b.y) * 2 < a.height + b.height
      )
        overlaps++;
    }
  const cut = boxes.filter(
    (b) =>
      b.x - b.width / 2 < 0 ||
      b.x + b.width / 2 > width ||
      b.y - b.height / 2 < 0 ||
      b.y + b.height / 2 > height,
  ).length;
  const hidden = boxes.reduce(
    (sum, b) => sum + density.count(b.x - b.width / 2, b.y - b.height / 2, b.width, b.height),
    0,
  );
  const distance = median(boxes.map((b) => Math.hypot(b.x - b.anchorX, b.y - b.anchorY)));
  const broad = boxes.filter((b) => broadIds.has(b.id)).length;
  return [
    {
      label: name,
      value:
        `${broad} of ${broadIds.size} broad topics labelled, ${hidden} points under labels, ` +
        `${overlaps} overlaps, ${cut} cut at the edge, median ${distance.toFixed(0)} px from the anchor, ` +
        `${median(times).toFixed(2)} ms`,
    },
  ];
}

/** Compares the placers on the first (whole-map, broad level) view of a run. */
export function benchLabels(dataDir: string, width = 1040, height = 700): Report {
  const papers = (
    JSON.parse(readFileSync(artifactPath(committedRunDir(dataDir), 'papers'), 'utf8')) as PapersFile
  ).papers;
  const topics = (
    JSON.parse(readFileSync(artifactPath(committedRunDir(dataDir), 'topics'), 'utf8')) as TopicsFile
  ).topics;
  const fit = fitMap(width, height);
  const xs = new Float32Array(papers.length);
  const ys = new Float32Array(papers.length);
  papers.forEach((paper, i) => {
    [xs[i], ys[i]] = toScreen(paper.x, paper.y, fit, zoomIdentity);
  });
  const density = new PointDensity(xs, ys, width, height);
  const broad = topics.filter((topic) => topic.level === 1 && topic.size > 0);
  const candidates: LabelCandidate[] = broad.map((topic) => {
    const [x, y] = toScreen(topic.labelX, topic.labelY, fit, zoomIdentity);
    return { id: topic.id, text: topic.label, x, y, priority: topic.size, fontSize: 15 };
  });
  const ids = new Set(broad.map((topic) => topic.id));
  const required = candidates.map((c) => ({ ...c, required: true }));
  return {
    title: `Topic labels, ${papers.length.toLocaleString('en')} papers, ${width} × ${height} canvas, broad level`,
    rows: [
      ...measure(
        'greedy (previous)',
        () => greedy(candidates, width, height),
        ids,
        density,
        width,
        height,
      ),
      ...measure(
        'd3-force, 300 ticks',
        () => forced(candidates, width, height),
        ids,
        density,
        width,
        height,
      ),
      ...measure(
        'placeLabels (candidates, density)',
        () => placeLabels(required, width, height, { density }),
        ids,
        density,
        width,
        height,
      ),
    ],
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, w, h] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: tsx dashboard/bench/label-bench.ts <data-dir> [width height]\n');
    process.exitCode = 2;
  } else {
    printReport(benchLabels(dir, w ? Number(w) : undefined, h ? Number(h) : undefined));
  }
}
