/** Where a knowledge base sits in a Git repository, read from the file system (Git need not be installed). */
import { existsSync } from 'node:fs';
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
