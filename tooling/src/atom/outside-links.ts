/**
 * Symbolic links out of the project. Git stores links, so a pull request can add
 * `atoms/x.md -> /home/runner/.ssh/id_rsa`; whatever reads the atom would then print or publish
 * that file. A path inside the project whose real location is outside it is never read.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Why such a file is not read, as every reader reports it. */
export const LINK_OUTSIDE_MESSAGE = 'This path is a symbolic link to a place outside the project; atomkit never reads files outside the project through a link.';

/**
 * Is `file` inside `root` by its path, but outside it once links are resolved? A path that does
 * not resolve (a dangling link, a loop) is left to the read, which fails and says why.
 *
 * @example linksOutside('/repo/atoms/x.md', '/repo') //=> true when atoms/x.md -> /etc/passwd
 */
export function linksOutside(file: string, root: string): boolean {
  const absolute = path.resolve(file);
  if (!isInside(path.resolve(root), absolute)) return false;
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(absolute);
    realRoot = realpathSync(root);
  } catch {
    return false;
  }
  return !isInside(realRoot, real);
}

/**
 * The folder links must stay inside while reading `folder`: the project when the folder is part of
 * it, else the folder itself (an atoms folder given from elsewhere).
 *
 * @example linkRoot('/repo/atoms', '/repo') //=> '/repo'
 * @example linkRoot('/tmp/atoms', '/repo') //=> '/tmp/atoms'
 */
export function linkRoot(folder: string, projectRoot: string): string {
  return isInside(path.resolve(projectRoot), path.resolve(folder)) ? projectRoot : folder;
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
