import cliProgress from 'cli-progress';

/** A progress display for one long stage. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Creates a progress display for a stage, or none. */
export type ProgressFactory = (label: string, unit: string) => Progress;

/** No display: for tests and `--no-progress`. */
export const silentProgress: ProgressFactory = () => ({ update() {}, stop() {} });

/** Milliseconds between two progress lines when stderr is not a terminal. */
export const LINE_EVERY_MS = 5000;

/**
 * Progress as plain lines, for a stderr that is not a terminal (CI, logs): the first update,
 * then at most one line every {@link LINE_EVERY_MS}, and the final count once at the end.
 * Written here because cli-progress's own non-terminal mode prints the final line twice when
 * its last scheduled or immediate line already showed it.
 */
export function lineProgress(
  label: string,
  unit: string,
  write: (line: string) => void = (line) => process.stderr.write(line),
  now: () => number = () => performance.now(),
): Progress {
  const started = now();
  let printedAt = -Infinity;
  let printed = '';
  let state = { done: 0, total: 0, seen: false };
  const line = () => {
    const { done, total } = state;
    const seconds = (now() - started) / 1000;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const speed = seconds > 0 ? (done / seconds).toFixed(1) : '0';
    return `${label.padEnd(10)} ${percent}% | ${done}/${total} ${unit} | ${speed} ${unit}/s\n`;
  };
  const print = () => {
    const text = line();
    write(text);
    printed = `${state.done}/${state.total}`;
    printedAt = now();
  };
  return {
    update(done, total) {
      state = { done, total, seen: true };
      if (now() - printedAt >= LINE_EVERY_MS) print();
    },
    stop() {
      if (state.seen && printed !== `${state.done}/${state.total}`) print();
    },
  };
}

/**
 * A cli-progress bar on stderr showing count, rate and ETA; plain lines ({@link lineProgress})
 * when stderr is not a terminal.
 */
export const terminalProgress: ProgressFactory = (label, unit) => {
  if (!process.stderr.isTTY) return lineProgress(label, unit);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    update(done, total) {
      const seconds = (performance.now() - started) / 1000;
      const speed = seconds > 0 ? (done / seconds).toFixed(1) : '0';
      if (!running) {
        bar.start(total, done, { speed });
        running = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { speed });
      }
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
};
