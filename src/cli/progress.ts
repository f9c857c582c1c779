/**
 * Progress on stderr for long runs: a bar with series done, rate and ETA when stderr is a terminal, nothing
 * otherwise (so logs and pipes stay clean).
 */
import cliProgress from 'cli-progress';

/** A progress callback and a `stop` to call at the end. */
export function progressBar(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} series | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = Date.now();
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0, { rate: '0' });
        started = true;
      }
      const seconds = (Date.now() - t0) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '-' });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
