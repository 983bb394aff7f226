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

/**
 * A cli-progress bar on stderr showing count, rate and ETA. When stderr is not a terminal
 * (CI, logs), cli-progress prints a plain line every few seconds instead of redrawing.
 */
export const terminalProgress: ProgressFactory = (label, unit) => {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
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
