/** Where a knowledge base sits in a Git repository, read from the file system (Git need not be installed). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The root of the Git work tree that holds `dir` (which need not exist yet): the nearest folder at
 * or above it with a `.git` (a folder, or a file in a worktree or submodule). Undefined outside one,
 * and when that folder is the home folder: a repository of one's settings files holds every
 * project below it only on paper.
 */
export function repositoryRoot(dir: string, home = os.homedir()): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current === path.resolve(home) && current !== path.resolve(dir) ? undefined : current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The branch a repository's work lands on, read from its files: the remote's default branch where a
 * clone recorded it (`refs/remotes/origin/HEAD`), else the branch checked out (a new repository's
 * first branch, `master` where Git's default was not changed). Undefined when neither can be read.
 * Workflows that run "on main" never run in a repository whose work lands on `master`.
 *
 * @example defaultBranch('/src/legacy-service') //=> 'master'
 */
export function defaultBranch(top: string): string | undefined {
  const dir = gitDir(top);
  if (dir === undefined) return undefined;
  const symbolic = (file: string, prefix: string) => {
    try {
      const match = /^ref: (\S+)/.exec(readFileSync(path.join(dir, file), 'utf8'));
      return match?.[1]?.startsWith(prefix) ? match[1].slice(prefix.length) : undefined;
    } catch {
      return undefined;
    }
  };
  return symbolic('refs/remotes/origin/HEAD', 'refs/remotes/origin/') ?? symbolic('HEAD', 'refs/heads/');
}

/** The folder Git keeps a repository in: `.git`, or where a worktree's or submodule's `.git` file points. */
function gitDir(top: string): string | undefined {
  const dotGit = path.join(top, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    return pointer === undefined ? undefined : path.resolve(top, pointer);
  } catch {
    return undefined;
  }
}
