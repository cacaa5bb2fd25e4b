/**
 * The checks that stop a site build: the lint rules whose findings would make a page wrong or a
 * link dead (unreadable files, broken headers, schema errors, unresolved `related` titles,
 * duplicate titles and slugs), run through the linter's engine so a failed build prints the same
 * messages as `atomkit lint`, as `file:line:col message code`. Style and size rules do not block it.
 */
import type { Atom } from '../atom/load.js';
import { ATOM_TYPES } from '../atom/schema.js';
import { factsOfAtom, toEntry } from '../lint/corpus.js';
import { lintAtom, lintCorpus, sortDiagnostics, type EngineSettings } from '../lint/engine.js';
import { RULE_CODES } from '../lint/registry.js';
import type { Diagnostic } from '../lint/types.js';
import { docsSite, projectFile } from '../lint/run.js';

/** Rule codes whose findings stop a site build. */
export const BUILD_BLOCKING_CODES: readonly string[] = [
  'file/unreadable',
  'file/encoding',
  'file/too-large',
  'file/too-deep',
  'frontmatter/missing',
  'frontmatter/unterminated',
  'frontmatter/yaml-syntax',
  'frontmatter/duplicate-key',
  'frontmatter/schema',
  'related/unresolved',
  'title/duplicate',
  'slug/duplicate',
];

/** A finding that stops the build: a lint diagnostic, or a site-only one without a docs page. */
export type SiteDiagnostic = Omit<Diagnostic, 'docsUrl'> & { readonly docsUrl?: string };

export interface CheckOptions {
  /** Project root; diagnostics name files relative to it. */
  readonly root: string;
  /** Where the rules are documented (`lint.docsUrl`). */
  readonly docsUrl: string;
  readonly defaultLanguage: string;
}

// Folders of URLs the site itself uses; an atom routed there would hide an index page.
const RESERVED_FOLDERS: readonly string[] = ['tags', 'search', 'pagefind', '_astro', '404'];

/**
 * Problems that stop the build, sorted by file and position.
 *
 * @example checkAtoms(atoms, options).map((d) => d.code) //=> ['frontmatter/schema', 'related/unresolved']
 */
export function checkAtoms(atoms: readonly Atom[], options: CheckOptions): SiteDiagnostic[] {
  const blocking = new Set(BUILD_BLOCKING_CODES);
  const settings: EngineSettings = {
    severities: new Map(RULE_CODES.map((code) => [code, blocking.has(code) ? 'error' : 'off'])),
    rule: { minWords: 0, maxWords: Number.MAX_SAFE_INTEGER, languages: {}, defaultLanguage: options.defaultLanguage },
    docs: docsSite(options.docsUrl),
  };
  const diagnostics: SiteDiagnostic[] = [];
  const entries = [];
  for (const atom of atoms) {
    const file = projectFile({ root: options.root }, atom.file);
    diagnostics.push(...lintAtom(atom, file, settings));
    if (!atom.problems.some((problem) => problem.code.startsWith('file/'))) entries.push(toEntry(factsOfAtom(atom, file, options.defaultLanguage)));
    if (isReserved(atom.slug)) {
      diagnostics.push({
        code: 'slug/reserved',
        severity: 'error',
        message: `The page URL \`${atom.url}\` belongs to one of the site's own pages; rename the file or move it into a folder.`,
        file,
        start: { line: 1, column: 1 },
      });
    }
  }
  for (const finding of lintCorpus(entries, settings)) diagnostics.push(finding.diagnostic);
  return sortDiagnostics(diagnostics as Diagnostic[]).filter((diagnostic) => diagnostic.severity === 'error');
}

/**
 * One diagnostic as a line: `file:line:col message code`, then the hint indented.
 *
 * @example formatDiagnostic(d) //=> 'atoms/error/x.md:3:1 Unknown field `titel`; did you mean `title`? frontmatter/schema'
 */
export function formatDiagnostic(diagnostic: SiteDiagnostic): string {
  const line = `${diagnostic.file}:${diagnostic.start.line}:${diagnostic.start.column} ${diagnostic.message} ${diagnostic.code}`;
  return diagnostic.hint ? `${line}\n  ${diagnostic.hint}` : line;
}

/** The build stopped on invalid atoms; its message is the formatted diagnostics, no stack needed. */
export class AtomCheckError extends Error {
  override name = 'AtomCheckError';
  constructor(readonly diagnostics: readonly SiteDiagnostic[]) {
    const count = `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`;
    super(`${diagnostics.map(formatDiagnostic).join('\n')}\n\n${count} in the atoms; the site was not built.`);
  }
}

/** Type index pages live at `/<type>/`, site pages under their own folders. */
function isReserved(slug: string): boolean {
  const [first = '', ...rest] = slug.split('/');
  return RESERVED_FOLDERS.includes(first) || (rest.length === 0 && (ATOM_TYPES as readonly string[]).includes(first));
}
