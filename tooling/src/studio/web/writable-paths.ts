/**
 * Where the studio may read and write: only inside the configured atoms and interviews folders,
 * judged on real paths, so neither `..` nor a symbolic link leads a write out of them.
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../../config/load.js';
import { StudioApiError } from './errors.js';

export type KnowledgeFolder = 'atoms' | 'interviews';

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The real path of `target`, or of its nearest existing parent joined with the missing rest. */
function realish(target: string): string {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * The absolute path of a project-relative Markdown file inside `folder`, refused (403) when it
 * leaves the folder by `..`, an absolute path or a link, and when it is a link itself.
 *
 * @example knowledgeFile(config, 'atoms/procedure/x.md', 'atoms') //=> '/kb/atoms/procedure/x.md'
 * @example knowledgeFile(config, 'atoms/../package.json', 'atoms') // throws ATOMKIT_ERR_OUTSIDE_KNOWLEDGE_BASE
 */
export function knowledgeFile(config: AtomkitConfig, rel: string, folder: KnowledgeFolder): string {
  const root = folder === 'atoms' ? config.atoms.dirAbs : config.atoms.interviewsAbs;
  const refuse = (why: string) => {
    throw new StudioApiError('ATOMKIT_ERR_OUTSIDE_KNOWLEDGE_BASE', `\`${rel.slice(0, 200)}\` ${why}; the studio only touches Markdown files in ${path.relative(config.root, root) || '.'}/.`);
  };
  if (rel.includes('\0')) refuse('is not a path');
  const absolute = path.resolve(config.root, rel);
  if (!/\.md$/i.test(absolute)) refuse('is not a Markdown file');
  if (!inside(root, absolute)) refuse('is outside the folder');
  if (!inside(realish(root), realish(absolute))) refuse('leads out of the folder through a link');
  try {
    if (lstatSync(absolute).isSymbolicLink()) refuse('is a symbolic link');
  } catch (error) {
    if (error instanceof StudioApiError) throw error;
  }
  return absolute;
}

/** Project-relative POSIX path. */
export function projectRel(config: AtomkitConfig, absolute: string): string {
  return path.relative(config.root, absolute).split(path.sep).join('/');
}
