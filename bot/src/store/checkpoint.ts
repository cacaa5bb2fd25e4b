/**
 * Copies the chat database's write-ahead log back into the database from a worker thread.
 *
 * SQLite otherwise checkpoints inside the commit that grows the log past `wal_autocheckpoint`
 * pages: copying the log and syncing the file held the event loop for about 15 ms, once or twice
 * a second under load (a commit's p99 went from 5 ms to 15 ms). The thread checkpoints on its own
 * connection without blocking the serving one (PASSIVE: it copies what no reader still needs).
 * The serving connection keeps a higher automatic threshold, so the log stays bounded if the
 * thread falls behind or cannot run.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';
import { NO_EXPERIMENTAL_WARNING } from '../experimental-warning.js';

/** Pages (4 KB) the log may reach before the serving connection checkpoints by itself. */
const FALLBACK_PAGES = 10_000;

// Plain CommonJS, so it runs in a worker whether the service runs from sources or compiled.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Another process of a cluster is checkpointing the same file: the next tick tries again.
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the thread after its checkpoint in progress, if any. */
  stop(): Promise<void>;
}

/** Starts checkpointing `db`'s file every `everyMs` from a worker thread. */
export function startCheckpointer(db: Db, everyMs = 250): Checkpointer {
  db.exec(`PRAGMA wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const worker = new Worker(SOURCE, { eval: true, workerData: { file: db.location(), everyMs }, execArgv: [NO_EXPERIMENTAL_WARNING] });
  // A thread that fails only leaves checkpoints to the serving connection's threshold.
  worker.on('error', () => {});
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Unreferenced, the thread does not hold the process open: once the server has closed, the
      // process would end before the thread does, with `await stop()` left pending (Node then exits 13,
      // "unsettled top-level await", on every Ctrl+C or SIGTERM). Stopping, it is waited for.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
