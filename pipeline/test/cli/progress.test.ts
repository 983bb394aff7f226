import { describe, expect, it } from 'vitest';
import { LINE_EVERY_MS, lineProgress } from '../../src/cli/progress.ts';

/** A line progress on a fake clock, collecting what it writes. */
function fakeLines() {
  let clock = 0;
  const lines: string[] = [];
  const progress = lineProgress(
    'embed',
    'papers',
    (line) => lines.push(line),
    () => clock,
  );
  return { progress, lines, advance: (ms: number) => (clock += ms) };
}

describe('lineProgress (stderr not a terminal)', () => {
  it('prints the 100 % line once when the first update is already complete', () => {
    const { progress, lines, advance } = fakeLines();
    advance(10);
    progress.update(33, 33);
    progress.stop();
    expect(lines.filter((line) => line.includes('100%'))).toHaveLength(1);
    expect(lines).toHaveLength(1);
  });

  it('prints the first update, then at most one line per interval, then the final count once', () => {
    const { progress, lines, advance } = fakeLines();
    progress.update(0, 100);
    for (let done = 1; done <= 100; done++) {
      advance(LINE_EVERY_MS / 10);
      progress.update(done, 100);
    }
    progress.stop();
    expect(lines[0]).toContain(' 0% | 0/100 papers');
    expect(lines.filter((line) => line.includes('100/100'))).toHaveLength(1);
    expect(lines.at(-1)).toContain('100% | 100/100 papers');
    // 100 updates over 10 intervals: the first line and one per interval.
    expect(lines.length).toBeLessThanOrEqual(11);
  });

  it('prints nothing for a stage that never started', () => {
    const { progress, lines } = fakeLines();
    progress.stop();
    expect(lines).toEqual([]);
  });
});
