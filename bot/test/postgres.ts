/**
 * The PostgreSQL server the tests share (postgres-cluster.ts starts it): the first test file that
 * needs it starts it, the others find it, and the global teardown (postgres-global.ts) stops it
 * after the run. Each test takes a fresh database in it; tests that stop the server start a
 * cluster of their own with startPostgres().
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { serverAt, startPostgres, type PostgresServer } from './postgres-cluster.js';

/** What the global setup hands the test files: the folder of the shared cluster. */
export const SHARED_HOME_KEY = 'atomkitPostgresHome';

declare module 'vitest' {
  export interface ProvidedContext {
    atomkitPostgresHome: string;
  }
}

let shared: Promise<PostgresServer> | undefined;

/**
 * The cluster the test files of this run share. The first process to ask starts it (a `lock`
 * folder decides which); the others wait for its `ready.json`.
 */
export function sharedPostgres(): Promise<PostgresServer> {
  shared ??= (async () => {
    const home = inject(SHARED_HOME_KEY);
    if (!home) throw new Error('The shared PostgreSQL cluster needs the global setup bot/test/postgres-global.ts (see vitest.config.ts).');
    const ready = path.join(home, 'ready.json');
    const failed = path.join(home, 'failed.txt');
    let mine = false;
    try {
      mkdirSync(path.join(home, 'lock'));
      mine = true;
    } catch {
      // Another test process is starting it.
    }
    if (mine) {
      try {
        const server = await startPostgres({ home: path.join(home, 'cluster') });
        writeFileSync(ready, JSON.stringify({ port: server.port }));
        return server;
      } catch (error) {
        writeFileSync(failed, (error as Error).message);
        throw error;
      }
    }
    for (let waited = 0; waited < 120_000; waited += 100) {
      if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
      if (existsSync(ready)) return attach(Number((JSON.parse(readFileSync(ready, 'utf8')) as { port: number }).port));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The shared PostgreSQL test cluster did not start within 120 s.');
  })();
  return shared;
}

/** The shared cluster as seen from a process that did not start it (it may not stop it). */
function attach(port: number): PostgresServer {
  const refuse = async () => {
    throw new Error('The shared PostgreSQL cluster is not stopped by a test; start one of your own with startPostgres().');
  };
  return serverAt(port, { stop: refuse, start: refuse, remove: async () => {} });
}
