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
  /** Whether a package.json names it in `packageManager` (setup actions read the version there). */
  readonly declared: boolean;
}

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
 * @example packageManagerFor([], 'pnpm/12.25.1 npm/? node/v24.22.3 linux x64') //=> { name: 'pnpm', version: '12.25.1', declared: false }
 */
export function packageManagerFor(dirs: readonly string[], userAgent: string | undefined = process.env.npm_config_user_agent): PackageManager {
  for (const dir of dirs) {
    const declared = declaredIn(path.join(dir, 'package.json'));
    if (declared) return declared;
    const lockfile = LOCKFILES.find(([file]) => existsSync(path.join(dir, file)));
    if (lockfile) {
      const agent = fromUserAgent(userAgent);
      return agent?.name === lockfile[1] ? agent : { name: lockfile[1], declared: false };
    }
  }
  return fromUserAgent(userAgent) ?? { name: 'npm', declared: false };
}

function declaredIn(file: string): PackageManager | undefined {
  try {
    const field = (JSON.parse(readFileSync(file, 'utf8')) as { packageManager?: unknown }).packageManager;
    const match = typeof field === 'string' ? NAMED.exec(field) : null;
    return match ? { name: match[1] as PackageManagerName, version: match[2]!, declared: true } : undefined;
  } catch {
    // No package.json, or one init will report on when it reads it to merge.
    return undefined;
  }
}

function fromUserAgent(userAgent: string | undefined): PackageManager | undefined {
  const match = NAMED.exec(userAgent ?? '');
  return match ? { name: match[1] as PackageManagerName, version: match[2]!, declared: false } : undefined;
}

/** The commands to install the knowledge base's packages and to start it, as its readme would say them. */
export function commandsOf(manager: PackageManagerName): { install: string; start: string } {
  return { npm: { install: 'npm install', start: 'npm start' }, pnpm: { install: 'pnpm install', start: 'pnpm start' }, yarn: { install: 'yarn install', start: 'yarn start' }, bun: { install: 'bun install', start: 'bun run start' } }[manager];
}
