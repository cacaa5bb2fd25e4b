/**
 * The atoms already in the project, as the studio needs them: by title (to refuse duplicates and
 * resolve `related`), with near-duplicate detection for proposed titles.
 */
import { distance } from 'fastest-levenshtein';
import type { AtomkitConfig } from '../config/load.js';
import { loadAtoms, type Atom } from '../atom/load.js';
import { linkRoot } from '../atom/outside-links.js';

export interface KnowledgeBase {
  readonly atoms: readonly Atom[];
  /** Atoms by exact title (only atoms whose header has a string title). */
  readonly byTitle: ReadonlyMap<string, Atom>;
}

export function loadKnowledgeBase(config: AtomkitConfig): KnowledgeBase {
  const atoms = loadAtoms({ root: config.atoms.dirAbs, projectRoot: linkRoot(config.atoms.dirAbs, config.root), base: config.site.base, locales: config.atoms.locales, maxFileBytes: config.lint.maxFileBytes });
  const byTitle = new Map<string, Atom>();
  for (const atom of atoms) {
    const title = titleOf(atom);
    if (title !== undefined && !byTitle.has(title)) byTitle.set(title, atom);
  }
  return { atoms, byTitle };
}

/** The title an atom's header declares, even when the rest of the header is invalid. */
export function titleOf(atom: Atom): string | undefined {
  const data = atom.data as { title?: unknown } | undefined;
  return typeof data?.title === 'string' ? data.title : undefined;
}

/** Titles compared for near-duplicates: case, punctuation and spacing ignored. */
function comparable(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The existing title closest to `title` when it is near enough to be the same idea
 * (edit distance at most a fifth of the length, or 2), excluding an exact match.
 *
 * @example nearDuplicate('Rebuild the index', ['Rebuild the indexes']) //=> 'Rebuild the indexes'
 */
export function nearDuplicate(title: string, existing: Iterable<string>): string | undefined {
  const wanted = comparable(title);
  let best: { title: string; score: number } | undefined;
  for (const candidate of existing) {
    if (candidate === title) continue;
    const other = comparable(candidate);
    const score = distance(wanted, other);
    const limit = Math.max(2, Math.floor(Math.max(wanted.length, other.length) / 5));
    if (score <= limit && (!best || score < best.score)) best = { title: candidate, score };
  }
  return best?.title;
}
