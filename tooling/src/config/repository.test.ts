import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { defaultBranch, repositoryRoot } from './repository.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-repository-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('repositoryRoot', () => {
  test('is the nearest folder above with .git, for a folder that does not exist yet too', () => {
    mkdirSync(path.join(root, 'repo', '.git'), { recursive: true });
    expect(repositoryRoot(path.join(root, 'repo', 'docs', 'kb'), '/nowhere')).toBe(path.join(root, 'repo'));
    expect(repositoryRoot(path.join(root, 'repo'), '/nowhere')).toBe(path.join(root, 'repo'));
  });

  test('a worktree or submodule, whose .git is a file, is a repository of its own', () => {
    mkdirSync(path.join(root, 'repo', 'vendor', 'kb'), { recursive: true });
    writeFileSync(path.join(root, 'repo', 'vendor', '.git'), 'gitdir: ../.git/modules/vendor\n');
    expect(repositoryRoot(path.join(root, 'repo', 'vendor', 'kb'), '/nowhere')).toBe(path.join(root, 'repo', 'vendor'));
  });

  test('a repository in the home folder holds no project below it, but is one when init runs in the home folder itself', () => {
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, '.git'), { recursive: true });
    expect(repositoryRoot(path.join(home, 'projects', 'kb'), home)).toBeUndefined();
    expect(repositoryRoot(home, home)).toBe(home);
  });

  test('outside any repository there is none', () => {
    expect(repositoryRoot(path.join(root, 'elsewhere', 'kb'), '/nowhere')).toBeUndefined();
  });
});

describe('defaultBranch', () => {
  const repository = (name: string, files: Record<string, string>) => {
    const top = path.join(root, name);
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(top, file)), { recursive: true });
      writeFileSync(path.join(top, file), content);
    }
    return top;
  };

  test("is the remote's default branch where a clone recorded it, whatever is checked out", () => {
    const top = repository('cloned', { '.git/HEAD': 'ref: refs/heads/fix-typo\n', '.git/refs/remotes/origin/HEAD': 'ref: refs/remotes/origin/master\n' });
    expect(defaultBranch(top)).toBe('master');
  });

  test('is the branch checked out in a repository with no remote, through the .git file of a worktree too', () => {
    expect(defaultBranch(repository('fresh', { '.git/HEAD': 'ref: refs/heads/trunk\n' }))).toBe('trunk');
    const worktree = repository('worktree', { '.git': 'gitdir: ../fresh/.git\n' });
    expect(defaultBranch(worktree)).toBe('trunk');
  });

  test('is unknown for a detached HEAD or no repository', () => {
    expect(defaultBranch(repository('detached', { '.git/HEAD': '4b825dc642cb6eb9a060e54bf8d69288fbee4904\n' }))).toBeUndefined();
    expect(defaultBranch(path.join(root, 'nothing-here'))).toBeUndefined();
  });
});
