import { SingleBar } from 'cli-progress';
import { type CliIo } from './output';

export interface ProgressReporter {
  update(applied: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr with events/s and ETA; silent when stderr is not a terminal. */
export function progressBar(io: CliIo, label: string): ProgressReporter {
  if (!io.interactive) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
    hideCursor: true,
    etaBuffer: 20,
  });
  let running = false;
  return {
    update(applied, total) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const payload = { rate: Math.round(applied / seconds).toLocaleString('en-US') };
      if (!running) {
        bar.start(Math.max(total, applied, 1), applied, payload);
        running = true;
      }
      bar.setTotal(Math.max(total, applied, 1));
      bar.update(applied, payload);
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
