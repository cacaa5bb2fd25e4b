/** `atomkit serve` as a separate process (`node bin/atomkit.js serve`), as a replica runs in production. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-cluster.js';

const BIN = fileURLToPath(new URL('../../bin/atomkit.js', import.meta.url));

export interface Replica {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with its exit code once it has stopped. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts `atomkit -c <configFile> serve` on a free port with `args` added; resolves once it has
 * printed its whole banner, rejects with its output if it stops first.
 */
export async function startReplica(configFile: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, '-c', configFile, 'serve', '--host', '127.0.0.1', '--port', String(port), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // The banner's last line: the store it uses is printed before it.
    const onData = () => output.includes('  try: curl') && resolve();
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`atomkit serve stopped before listening (exit ${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs `atomkit <args>` to its end; resolves with its exit code and output. */
export function runAtomkit(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
