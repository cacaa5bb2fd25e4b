/**
 * Finds the Markdown pages of a docs folder for import, with a reason for everything skipped:
 * binary or non-UTF-8 files, files over the size limit, folders nested too deep, link loops,
 * links out of the folder.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { linksOutside } from '../../atom/outside-links.js';
import { readTextFile } from '../text-file.js';

export interface DocPage {
  /** Path relative to the imported folder, POSIX separators. */
  readonly rel: string;
  readonly text: string;
}

export interface Skipped {
  readonly rel: string;
  readonly reason: string;
}

export interface WalkLimits {
  /** @default 12 */
  readonly maxDepth?: number;
  /** @default 1048576 */
  readonly maxFileBytes?: number;
}

const PAGE = /\.(?:mdx?|markdown)$/i;

/** Docs written in another markup, by extension: named in the report, so a folder of them does not import as nothing at all. */
const OTHER_MARKUP: ReadonlyMap<string, { name: string; from: string }> = new Map([
  ['.rst', { name: 'reStructuredText', from: 'rst' }],
  ['.adoc', { name: 'AsciiDoc', from: 'asciidoc' }],
  ['.asciidoc', { name: 'AsciiDoc', from: 'asciidoc' }],
  ['.org', { name: 'Org', from: 'org' }],
  ['.textile', { name: 'Textile', from: 'textile' }],
]);

export function walkDocs(root: string, limits: WalkLimits = {}): { pages: DocPage[]; skipped: Skipped[] } {
  const maxDepth = limits.maxDepth ?? 12;
  const maxBytes = limits.maxFileBytes ?? 1_048_576;
  const pages: DocPage[] = [];
  const skipped: Skipped[] = [];
  const visited = new Set<string>();
  const walk = (dir: string, depth: number) => {
    const rel = path.relative(root, dir).split(path.sep).join('/') || '.';
    if (depth > maxDepth) {
      skipped.push({ rel, reason: `nested deeper than ${maxDepth} folders; not imported` });
      return;
    }
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      skipped.push({ rel, reason: 'cannot resolve this folder (a broken or looping link)' });
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      skipped.push({ rel, reason: 'cannot list this folder (permission denied?)' });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      const relFile = path.relative(root, full).split(path.sep).join('/');
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = statSync(full).isDirectory();
        } catch {
          skipped.push({ rel: relFile, reason: 'a link to nothing, or a link loop' });
          continue;
        }
      }
      if (isDir && linksOutside(full, root)) skipped.push({ rel: relFile, reason: 'a link to a folder outside the imported folder; not read' });
      else if (isDir) walk(full, depth + 1);
      else if (PAGE.test(entry.name)) {
        const read = readTextFile(full, maxBytes, root);
        if (read.ok) pages.push({ rel: relFile, text: read.text });
        else skipped.push({ rel: relFile, reason: read.reason });
      } else {
        const markup = OTHER_MARKUP.get(path.extname(entry.name).toLowerCase());
        if (markup) skipped.push({ rel: relFile, reason: `${markup.name}, which import does not read; convert it to Markdown first (e.g. \`pandoc -f ${markup.from} -t gfm\`)` });
      }
    }
  };
  walk(root, 0);
  return { pages, skipped };
}
