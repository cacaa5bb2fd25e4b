/**
 * The real `atomkit studio` process on a temporary copy of a knowledge base (this repository's
 * atoms, transcripts and configuration, in a git repository of its own), for browser tests, the
 * screenshots and the benchmark.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStudioClient } from '../../src/studio/web/build.js';
import { studioClientDir } from '../../src/studio/web/client-dir.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface StudioProcess {
  readonly url: string;
  /** The knowledge base's folder. */
  readonly root: string;
  readonly output: () => string;
  close(): Promise<void>;
}

/** Builds the browser client into the package's `dist/browser/studio`, as the package build does. */
export async function buildClient(): Promise<void> {
  await buildStudioClient(studioClientDir());
}

/** A copy of this repository's knowledge base in a fresh git repository (branch `main`, one commit). */
export function copyKnowledgeBase(atomsFrom = path.join(REPO, 'atoms')): string {
  const root = mkdtempSync(path.join(tmpdir(), 'atomkit-studio-kb-'));
  cpSync(atomsFrom, path.join(root, 'atoms'), { recursive: true });
  cpSync(path.join(REPO, 'interviews'), path.join(root, 'interviews'), { recursive: true });
  cpSync(path.join(REPO, 'atomkit.config.yaml'), path.join(root, 'atomkit.config.yaml'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Studio Test');
  git('config', 'user.email', 'studio@example.invalid');
  git('add', '-A');
  git('commit', '-qm', 'The knowledge base');
  return root;
}

/** Starts `atomkit studio --port 0` on `root` and waits for the URL it prints. */
export async function startStudio(root: string): Promise<StudioProcess> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'bin/atomkit.js'), '--cwd', root, 'studio', '--port', '0'], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`atomkit studio exited with ${code}:\n${output}`)));
  });
  return {
    url,
    root,
    output: () => output,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
