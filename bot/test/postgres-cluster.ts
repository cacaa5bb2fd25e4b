/**
 * A throwaway PostgreSQL cluster: Debian's server binaries under /usr/lib/postgresql/<version>/bin
 * (`.ci/run` installs them), initdb into a temp folder, a free port on 127.0.0.1. Used by the tests
 * (through postgres.ts) and by `npm run bench:serve -- --store postgres`.
 *
 * Missing binaries are an error saying what to install, never a reason to skip.
 */
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

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
export interface ClusterOptions {
  /** The folder to initdb into. @default a new temp folder */
  readonly home?: string;
  /** Keep PostgreSQL's durability settings (fsync, synchronous commit), as a benchmark should. @default false */
  readonly durable?: boolean;
}

export async function startPostgres(options: ClusterOptions = {}): Promise<PostgresServer> {
  const home = options.home ?? mkdtempSync(path.join(tmpdir(), 'atomkit-pg-'));
  const bin = postgresBin();
  const user = runAs();
  const data = path.join(home, 'data');
  const sockets = path.join(home, 'sockets');
  mkdirSync(sockets, { recursive: true });
  if (user) for (const dir of [home, sockets]) chownSync(dir, user.uid, user.gid);
  await run(path.join(bin, 'initdb'), ['-D', data, '-U', TEST_USER, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], user);
  const chosen = await freePort();
  // Tests turn durability off: their cluster is thrown away, and a stop is always a clean one.
  const durability = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOptions = `-p ${chosen} -k ${sockets} -c listen_addresses=127.0.0.1 -c max_connections=200${durability}`;
  const pgCtl = path.join(bin, 'pg_ctl');
  const start = () => run(pgCtl, ['-D', data, '-o', serverOptions, '-l', path.join(home, 'server.log'), '-w', '-t', '60', 'start'], user);
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
export function serverAt(port: number, control: Pick<PostgresServer, 'stop' | 'start' | 'remove'>): PostgresServer {
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
