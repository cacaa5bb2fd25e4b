/**
 * Node.js 22 calls node:sqlite experimental and warns once in every process and thread that loads
 * it (24 does not). The warning is about the runtime, not something a user can act on: the CLI
 * holds it back on its main thread (bin/atomkit.js), and the processes and threads the service
 * starts on its own (cluster workers, the checkpoint thread) are started with this flag.
 */
export const NO_EXPERIMENTAL_WARNING = '--disable-warning=ExperimentalWarning';
