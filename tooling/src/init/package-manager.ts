/**
 * The package manager a knowledge base is installed with, so that what `atomkit init` writes
 * (the workflows' install step, the commands it says to run next) uses the one the repository
 * already uses: the `packageManager` field of its package.json, else its lockfile, else the one
 * that ran `atomkit init` (`pnpm dlx atomkit init`), else npm.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManager {
  readonly name: PackageManagerName;
  /** Its version, when known. */
  readonly version?: string;
  /** The package.json that names it in `packageManager`, absolute (setup actions read the version there). */
  readonly declaredIn?: string;
}

/** Every lockfile that names its package manager, older forms too (`LOCKFILE` is the one each writes). */
const LOCKFILES: readonly [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

const NAMED = /^(npm|pnpm|yarn|bun)[@/](\d[^\s+]*)/;

/**
 * The package manager of the knowledge base in `dirs[0]`, looking in each folder of `dirs` in turn
 * (the knowledge base's, then the repository's root), then at `userAgent` (npm, pnpm, yarn and bun
 * set `npm_config_user_agent` for what they run).
 *
 * @example packageManagerFor([], 'pnpm/12.25.1 npm/? node/v24.22.3 linux x64') //=> { name: 'pnpm', version: '12.25.1' }
 */
export function packageManagerFor(dirs: readonly string[], userAgent: string | undefined = process.env.npm_config_user_agent): PackageManager {
  for (const dir of dirs) {
    const declared = declaredIn(path.join(dir, 'package.json'));
    if (declared) return declared;
    const lockfile = LOCKFILES.find(([file]) => existsSync(path.join(dir, file)));
    if (lockfile) {
      const agent = fromUserAgent(userAgent);
      return agent?.name === lockfile[1] ? agent : { name: lockfile[1] };
    }
  }
  return fromUserAgent(userAgent) ?? { name: 'npm' };
}

function declaredIn(file: string): PackageManager | undefined {
  const field = manifestAt(file)?.packageManager;
  const match = typeof field === 'string' ? NAMED.exec(field) : null;
  return match ? { name: match[1] as PackageManagerName, version: match[2]!, declaredIn: file } : undefined;
}

/** The fields of a package.json; undefined when there is none, or one init reports on when it merges it. */
function manifestAt(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function fromUserAgent(userAgent: string | undefined): PackageManager | undefined {
  const match = NAMED.exec(userAgent ?? '');
  return match ? { name: match[1] as PackageManagerName, version: match[2]! } : undefined;
}

/** The lockfile each package manager writes. */
export const LOCKFILE: Readonly<Record<PackageManagerName, string>> = { npm: 'package-lock.json', pnpm: 'pnpm-lock.yaml', yarn: 'yarn.lock', bun: 'bun.lock' };

/**
 * The lockfile a knowledge base in `dir`, inside the repository at `root`, is installed from: its
 * own, else the root's when the root is a workspace the knowledge base can be part of (npm, Yarn or
 * Bun `workspaces`, or pnpm-workspace.yaml), else its own that its first install will write.
 */
export function lockfileOf(manager: PackageManagerName, dir: string, root: string): string {
  const own = path.join(dir, LOCKFILE[manager]);
  const shared = path.join(root, LOCKFILE[manager]);
  if (existsSync(own) || !existsSync(shared)) return own;
  return existsSync(path.join(root, 'pnpm-workspace.yaml')) || manifestAt(path.join(root, 'package.json'))?.workspaces !== undefined ? shared : own;
}

/** How each package manager runs a command of an installed package (`npx atomkit`). */
export const EXEC: Readonly<Record<PackageManagerName, string>> = { npm: 'npx', pnpm: 'pnpm exec', yarn: 'yarn', bun: 'bunx' };

/**
 * The commands to install the knowledge base's packages and to start it. The `start` script is
 * atomkit's unless the repository had one of its own (`startScriptKept`): then atomkit is run by name.
 *
 * @example commandsOf('pnpm', true) //=> { install: 'pnpm install', start: 'pnpm exec atomkit start' }
 */
export function commandsOf(manager: PackageManagerName, startScriptKept = false): { install: string; start: string } {
  const install = `${manager} install`;
  if (startScriptKept) return { install, start: `${EXEC[manager]} atomkit start` };
  return { install, start: manager === 'bun' ? 'bun run start' : `${manager} start` };
}
