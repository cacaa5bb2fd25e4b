/**
 * A real PostgreSQL server for the tests: Debian's binaries under /usr/lib/postgresql/<version>/bin
 * (`.ci/run` installs them), a throwaway cluster in a temp folder on a free port, stopped after
 * the run. Test files share one cluster (started by the first that needs it, stopped by the
 * global teardown in postgres-global.ts) and each test takes a fresh database in it. Tests that
 * stop the server start a cluster of their own.
 *
 * Missing binaries fail the tests that need them with a message saying what to install; they are
 * never skipped.
 */
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** The user and password every test cluster has (trust authentication: any password is let in, and tests check it is never printed). */
export const TEST_USER = 'atomkit';
export const TEST_PASSWORD = 'pg-secret-7f3a';

export interface PostgresServer {
  readonly port: number;
  /** The connection string of `database`. */
  url(database?: string): string;
  /** A new empty database; resolves with its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

/** The newest PostgreSQL server binaries' folder, or an error saying how to get them. */
export function postgresBin(): string {
  const fromEnv = process.env.ATOMKIT_PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) {
    throw new Error(
      'The PostgreSQL tests need a PostgreSQL server: no initdb under /usr/lib/postgresql/<version>/bin. ' +
        'Install it (`apt-get install postgresql`, which .ci/run does when run as root) or set ATOMKIT_PG_BIN to the folder holding initdb and pg_ctl.',
    );
  }
  return path.join(root, versions[0]!, 'bin');
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as `postgres` (or `nobody`). */
export function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
  const entry = passwd.find((fields) => fields[0] === 'postgres') ?? passwd.find((fields) => fields[0] === 'nobody');
  if (!entry) throw new Error('Running as root, and neither a `postgres` nor a `nobody` user exists to run the PostgreSQL test cluster as.');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function run(bin: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed (exit ${code}):\n${output}`))));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb into `home` (a new temp folder by default), then starts the server on a free port. */
export async function startPostgres(home = mkdtempSync(path.join(tmpdir(), 'atomkit-pg-')), port?: number): Promise<PostgresServer> {
  const bin = postgresBin();
  const user = runAs();
  const data = path.join(home, 'data');
  const sockets = path.join(home, 'sockets');
  mkdirSync(sockets, { recursive: true });
  if (user) for (const dir of [home, sockets]) chownSync(dir, user.uid, user.gid);
  await run(path.join(bin, 'initdb'), ['-D', data, '-U', TEST_USER, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], user);
  const chosen = port ?? (await freePort());
  // Durability settings are off: a test cluster is thrown away, and a stop is always a clean one.
  const options = `-p ${chosen} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const pgCtl = path.join(bin, 'pg_ctl');
  const start = () => run(pgCtl, ['-D', data, '-o', options, '-l', path.join(home, 'server.log'), '-w', '-t', '60', 'start'], user);
  const stop = () => run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'], user);
  await start();
  return serverAt(chosen, {
    stop,
    start,
    async remove() {
      await stop().catch(() => {});
      rmSync(home, { recursive: true, force: true });
    },
  });
}

/** A server on `port` of 127.0.0.1, and how to stop, start and remove it. */
function serverAt(port: number, control: Pick<PostgresServer, 'stop' | 'start' | 'remove'>): PostgresServer {
  let databases = 0;
  const url = (database = 'postgres') => `postgres://${TEST_USER}:${TEST_PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase() {
      const name = `test_${process.pid}_${++databases}_${Date.now().toString(36)}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    ...control,
  };
}

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
        const server = await startPostgres(path.join(home, 'cluster'));
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
