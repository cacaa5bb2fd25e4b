/**
 * Progress of long work on stderr: a bar on an interactive terminal; elsewhere (CI, pipes) either
 * nothing or one plain line per tenth of the work, so logs stay short.
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface Progress {
  update(done: number, total: number): void;
  /** Removes the bar (before printing something else, or at the end). */
  stop(): void;
}

export interface ProgressOptions {
  /** What is being done, e.g. `Linting`. */
  readonly label: string;
  /** What is counted, e.g. `files`. */
  readonly unit: string;
  /** Off a terminal, print a line every tenth of the work instead of nothing. @default false */
  readonly plainLines?: boolean;
}

export function progress(io: CliIo, options: ProgressOptions): Progress {
  const interactive = io.isTTY && !io.isCI;
  let bar: cliProgress.SingleBar | undefined;
  let lastTenth = -1;
  return {
    update(done, total) {
      if (total === 0) return;
      if (interactive) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: `${options.label} [{bar}] {value}/{total} ${options.unit} | {eta_formatted} left`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        } else bar.update(done);
        return;
      }
      if (!options.plainLines) return;
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.stderr(`${options.label}: ${done}/${total} ${options.unit}\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
      lastTenth = -1;
    },
  };
}
