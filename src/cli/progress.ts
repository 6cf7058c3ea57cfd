// The progress bar on stderr. Only for a person watching: never when stderr
// is a file or pipe (it would fill logs with carriage returns), never with --quiet.
import cliProgress from "cli-progress";
import { onInterrupt } from "./interrupt.js";

export interface Progress {
  readonly onProgress?: (done: number) => void;
  stop(): void;
}

const STEPS = 1000;

export function startProgress(label: string, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      // the simulation keeps this thread busy between its pauses: redraw from
      // update() rather than wait for the bar's own timer
      synchronousUpdate: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(STEPS, 0);
  // the bar hides the cursor while it draws: Ctrl-C must give it back
  const forget = onInterrupt(() => bar.stop());
  return {
    onProgress: (done) => bar.update(Math.round(Math.min(1, Math.max(0, done)) * STEPS)),
    stop: () => {
      forget();
      bar.stop();
    },
  };
}

export interface JobProgress {
  jobDone(): void;
  stop(): void;
}

/** Jobs done of all, and an ETA, for a sweep; `done` of them finished before (--resume). */
export function startJobProgress(label: string, total: number, done: number, enabled: boolean): JobProgress {
  if (!enabled || !process.stderr.isTTY) return { jobDone() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} jobs | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, done);
  const forget = onInterrupt(() => bar.stop());
  return {
    jobDone: () => bar.increment(),
    stop: () => {
      forget();
      bar.stop();
    },
  };
}
