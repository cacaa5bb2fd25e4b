/**
 * Applying a batch of file changes safely: every new text is staged next to its target first,
 * then moved into place with a rename (atomic per file on one file system). New files never
 * replace an existing one (hard link, which fails if the target exists). When any step fails,
 * the files already changed are restored, so a batch never lands half-applied.
 */
import { linkSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

export interface FileChange {
  /** Absolute path. */
  readonly file: string;
  /** The current content; undefined for a new file. */
  readonly before: string | undefined;
  readonly after: string;
}

export class ChangeError extends Error {
  override name = 'ChangeError';
}

/**
 * A unified diff of one change, with paths relative to `root`.
 *
 * @example unifiedDiff({ file: '/r/a.md', before: 'x\n', after: 'y\n' }, '/r') //=> '--- a.md\n+++ a.md\n@@ -1,1 +1,1 @@\n-x\n+y\n'
 */
export function unifiedDiff(change: FileChange, root: string): string {
  const rel = path.relative(root, change.file).split(path.sep).join('/');
  const patch = createTwoFilesPatch(change.before === undefined ? '/dev/null' : `a/${rel}`, `b/${rel}`, change.before ?? '', change.after, undefined, undefined, {
    context: 3,
  });
  // Drop the `Index:`/`===` preamble lines the library writes before the headers.
  return patch.replace(/^(?:Index:.*\n)?(?:=+\n)?/, '');
}

/** Writes every change, or none of them. */
export function applyChanges(changes: readonly FileChange[]): void {
  const staged: { change: FileChange; temp: string }[] = [];
  // Folders this batch created, removed again if the batch fails.
  const createdDirs: string[] = [];
  const removeCreatedDirs = () => {
    for (const dir of createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const change of changes) {
      const created = mkdirSync(path.dirname(change.file), { recursive: true });
      if (created) createdDirs.push(created);
      const temp = path.join(path.dirname(change.file), `.${path.basename(change.file)}.${process.pid}.${staged.length}.tmp`);
      writeFileSync(temp, change.after, { flag: 'wx' });
      staged.push({ change, temp });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    removeCreatedDirs();
    throw new ChangeError(`Nothing was written: cannot stage ${describe(error)}.`);
  }
  const done: FileChange[] = [];
  try {
    for (const { change, temp } of staged) {
      if (change.before === undefined) {
        linkSync(temp, change.file);
        unlinkSync(temp);
      } else {
        renameSync(temp, change.file);
      }
      done.push(change);
    }
  } catch (error) {
    for (const change of done.reverse()) {
      if (change.before === undefined) rmSync(change.file, { force: true });
      else writeFileSync(change.file, change.before);
    }
    for (const { temp } of staged) rmSync(temp, { force: true });
    removeCreatedDirs();
    throw new ChangeError(`Nothing was written: ${describe(error)}.`);
  }
}

function describe(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { dest?: string };
  if (err.code === 'EEXIST') return `${err.dest ?? err.path ?? 'a file'} already exists`;
  return `${err.path ? `${err.path}: ` : ''}${err.code ?? err.message}`;
}
