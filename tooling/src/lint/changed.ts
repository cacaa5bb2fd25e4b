/**
 * What git says changed since a base ref (for `atomkit lint --changed`): files changed, added or
 * untracked in the working tree relative to the merge base, and the files that were deleted.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface ChangedFiles {
  /** Absolute paths of changed or added files that exist. */
  readonly changed: readonly string[];
  /** Absolute paths of deleted files (or the old side of a rename). */
  readonly deleted: readonly string[];
  /** The merge base the diff is against. */
  readonly mergeBase: string;
  /** Reads a file as it was at the merge base (undefined when it did not exist). */
  readonly readAtBase: (absolute: string) => string | undefined;
}

/** Git could not answer (not a repository, unknown ref); the CLI exits 2 with this message. */
export class GitError extends Error {
  override name = 'GitError';
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function tryGit(cwd: string, args: readonly string[]): string | undefined {
  try {
    return git(cwd, args);
  } catch {
    return undefined;
  }
}

/**
 * @param base A ref; by default the remote's default branch (`origin/HEAD`, which a clone records),
 *   falling back to `origin/main`, `main`, then `HEAD`.
 * @example changedFiles('/repo').changed //=> ['/repo/atoms/error/x.md']
 */
export function changedFiles(cwd: string, base?: string): ChangedFiles {
  const top = tryGit(cwd, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top) throw new GitError(`--changed needs a git repository, and ${cwd} is not in one.`);
  const candidates = base ? [base] : ['origin/HEAD', 'origin/main', 'main', 'HEAD'];
  let mergeBase: string | undefined;
  for (const ref of candidates) {
    mergeBase = tryGit(top, ['merge-base', ref, 'HEAD'])?.trim() || undefined;
    if (mergeBase) break;
  }
  if (!mergeBase) {
    throw new GitError(base ? `Cannot find the merge base of \`${base}\` and HEAD; fetch it first (e.g. \`git fetch origin ${base}\`).` : 'Cannot find a base to diff against (tried origin/HEAD, origin/main, main, HEAD).');
  }
  const list = (args: readonly string[]) =>
    git(top, args)
      .split('\0')
      .filter(Boolean)
      .map((file) => path.join(top, file));
  const changed = new Set([
    ...list(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMRT', mergeBase]),
    ...list(['ls-files', '--others', '--exclude-standard', '-z']),
  ]);
  const deleted = list(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=D', mergeBase]);
  const at = mergeBase;
  return {
    changed: [...changed],
    deleted,
    mergeBase: at,
    readAtBase: (absolute) => tryGit(top, ['show', `${at}:${path.relative(top, absolute).split(path.sep).join('/')}`]),
  };
}
