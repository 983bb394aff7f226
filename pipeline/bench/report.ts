/** A benchmark's printable result, and the statistics the benchmarks share. */
import { loadavg } from 'node:os';
import { median as d3Median, quantile as d3Quantile } from 'd3';

/** One line of a report: what was measured and its formatted value. */
export interface ReportRow {
  label: string;
  value: string;
}

/** A titled list of measurements. */
export interface Report {
  title: string;
  rows: ReportRow[];
}

/** Median of the values; throws on an empty list rather than printing NaN. */
export function median(values: number[]): number {
  const result = d3Median(values);
  if (result === undefined) throw new RangeError('median of no values');
  return result;
}

/** p-quantile (p in [0, 1], R-7 interpolation as in d3-array) of the values. */
export function quantile(values: number[], p: number): number {
  const result = d3Quantile(values, p);
  if (result === undefined) throw new RangeError('quantile of no values');
  return result;
}

/** Report as aligned text: the title, then one `label  value` line per row. */
export function formatReport(report: Report): string {
  const width = Math.max(0, ...report.rows.map((row) => row.label.length));
  const lines = report.rows.map((row) => `  ${row.label.padEnd(width)}  ${row.value}`);
  return [report.title, ...lines].join('\n');
}

/** Writes the report to stdout, followed by a blank line. */
export function printReport(report: Report): void {
  process.stdout.write(`${formatReport(report)}\n\n`);
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The 1-minute load average, printed so that numbers from a busy machine can be told apart. */
export function loadRow(): ReportRow {
  return { label: 'load average (1 min) at the end', value: (loadavg()[0] ?? 0).toFixed(2) };
}
