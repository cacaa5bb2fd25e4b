/**
 * Turning proposed drafts into files without ever overwriting: each draft gets its path
 * (`atoms/<type>/<titleSlug>.md`; a draft in another language goes to its locale folder, named as
 * the atom it translates: `atoms/ja/<type>/<source's titleSlug>.md`), and is refused when that file
 * exists, when its title is taken in its language, when it is a near-duplicate of an existing
 * title or only repeats other drafts of the run, or when it is not a well-formed atom.
 * What is accepted is written in one batch (all or nothing).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { titleSlug } from '../atom/identity.js';
import { applyChanges } from './changes.js';
import { checkAtomText, renderAtom, type AtomDraft } from './draft.js';
import { nearDuplicate, titleOf, type KnowledgeBase } from './knowledge-base.js';

export type PlanStatus = 'new' | 'collision' | 'near-duplicate' | 'invalid';

export interface PlannedDraft {
  readonly title: string;
  readonly type: string;
  /** Path relative to the project root. */
  readonly path: string;
  readonly status: PlanStatus;
  /** Why it is not written (collision, near-duplicate, validation problems). */
  readonly reasons: readonly string[];
  readonly text: string;
  /** Where it came from (anchors, files). */
  readonly sources: readonly string[];
}

export interface PlanOptions {
  readonly root: string;
  /** Absolute folder the drafts go to (`atoms/` by default). */
  readonly outDir: string;
  /** Drafts not to write, by title, with why: they say what other drafts of the run say. */
  readonly repeats?: ReadonlyMap<string, string>;
  /** The language of atoms that do not declare one. @default 'en' */
  readonly defaultLanguage?: string;
}

/**
 * Plans drafts against the knowledge base. `related` titles that would not resolve (a related
 * draft refused for a collision) are dropped, so every written draft is well-formed.
 */
export function planDrafts(drafts: readonly AtomDraft[], kb: KnowledgeBase, options: PlanOptions): PlannedDraft[] {
  const defaultLanguage = options.defaultLanguage ?? 'en';
  const languageOf = (header: { language?: string | undefined } | undefined, locale?: string) => header?.language ?? locale ?? defaultLanguage;
  // Titles are unique per language: a translation may keep its source's title.
  const owners = new Map<string, string>();
  for (const atom of kb.atoms) {
    const title = titleOf(atom);
    const key = title === undefined ? undefined : `${languageOf(atom.data as { language?: string } | undefined, atom.locale)}\u0000${title}`;
    if (key !== undefined && !owners.has(key)) owners.set(key, atom.file);
  }
  const codeOwners = new Map<string, string>();
  for (const [title, atom] of kb.byTitle) for (const code of atom.header?.error_codes ?? []) codeOwners.set(code, title);
  const planned: { draft: AtomDraft; file: string; status: PlanStatus; reasons: string[] }[] = [];
  const taken = new Map<string, string>();
  for (const draft of drafts) {
    const title = draft.header.title;
    const language = languageOf(draft.header);
    const folder = language === defaultLanguage ? options.outDir : path.join(options.outDir, language);
    const file = path.join(folder, draft.header.type, `${titleSlug(draft.header.translation_of ?? title) || 'untitled'}.md`);
    const key = `${language}\u0000${title}`;
    const reasons: string[] = [];
    let status: PlanStatus = 'new';
    const owner = owners.get(key);
    const repeat = options.repeats?.get(title);
    if (repeat !== undefined) {
      status = 'near-duplicate';
      reasons.push(repeat);
    } else if (owner) {
      status = 'collision';
      reasons.push(`an atom with this title exists: ${rel(options.root, owner)}`);
    } else if (existsSync(file)) {
      status = 'collision';
      reasons.push(`${rel(options.root, file)} exists`);
    } else if (taken.has(file) || [...taken.values()].includes(key)) {
      status = 'collision';
      reasons.push('another draft of this run has the same title or file name');
    } else if (draft.header.type === 'error' && (draft.header.error_codes ?? []).length > 0 && draft.header.error_codes!.every((code) => codeOwners.has(code))) {
      status = 'collision';
      reasons.push(`\`${draft.header.error_codes![0]}\` is already documented by \`${codeOwners.get(draft.header.error_codes![0]!)}\``);
    } else {
      const near = nearDuplicate(title, [...owners.keys()].filter((other) => other.startsWith(`${language}\u0000`)).map((other) => other.slice(language.length + 1)));
      if (near) {
        status = 'near-duplicate';
        reasons.push(`close to the existing title \`${near}\``);
      }
    }
    if (status === 'new') taken.set(file, key);
    planned.push({ draft, file, status, reasons });
  }
  const resolvable = new Set([...kb.byTitle.keys(), ...[...taken.values()].map((key) => key.slice(key.indexOf('\u0000') + 1))]);
  const render = () =>
    planned.map(({ draft, file, status, reasons }) => {
      const related = draft.header.related.filter((title) => resolvable.has(title) && title !== draft.header.title);
      // A translation of a draft that is not written translates nothing that exists.
      const { translation_of: source, source_version: version, ...header } = draft.header;
      const translates = source !== undefined && resolvable.has(source) ? { translation_of: source, ...(version ? { source_version: version } : {}) } : {};
      const text = renderAtom({ ...draft, header: { ...header, ...translates, related } });
      const problems = status === 'new' ? checkAtomText(text, resolvable) : [];
      return {
        title: draft.header.title,
        type: draft.header.type,
        path: rel(options.root, file),
        status: problems.length > 0 ? ('invalid' as const) : status,
        reasons: [...reasons, ...problems],
        text,
        sources: (draft.header.sources ?? []).map((source) => source.ref),
      };
    });
  let plan = render();
  // A draft that turned out invalid is not written, so others must not relate to it.
  const refused = plan.filter((item) => item.status === 'invalid' && resolvable.delete(item.title));
  if (refused.length > 0) plan = render();
  return plan;
}

/** Writes the `new` drafts of a plan, all or none. Returns how many were written. */
export function writePlan(plan: readonly PlannedDraft[], root: string): number {
  const accepted = plan.filter((item) => item.status === 'new');
  applyChanges(accepted.map((item) => ({ file: path.resolve(root, item.path), before: undefined, after: item.text })));
  return accepted.length;
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
