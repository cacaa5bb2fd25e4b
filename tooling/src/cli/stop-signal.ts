/**
 * Waiting until the process is asked to stop (Ctrl+C, or SIGTERM from a service manager), for the
 * commands that serve until then and close cleanly after (`atomkit serve`, `atomkit studio`, `atomkit site dev`).
 */

/** Resolves when the process is asked to stop; replaceable in tests. */
export type StopSignal = () => Promise<void>;

/**
 * Resolves at the first SIGINT or SIGTERM.
 *
 * @example await onStopSignal(); await app.close();
 */
export const onStopSignal: StopSignal = () =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
