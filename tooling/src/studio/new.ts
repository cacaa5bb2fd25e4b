/**
 * `atomkit new <type> "<title>"`: a new atom from its type's template, header filled (author
 * from git config, today's date, version 0.1.0), in `atoms/<type>/<titleSlug>.md`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { titleSlug } from '../atom/identity.js';
import { ATOM_TYPES, type AtomHeader, type AtomType } from '../atom/schema.js';
import { NEW_ATOM_PROMPTS } from '../atom/sections.js';
import { applyChanges } from './changes.js';
import { renderAtom, templateSections, type DraftSection } from './draft.js';
import { StudioError } from './errors.js';
import { loadKnowledgeBase, nearDuplicate } from './knowledge-base.js';

export interface NewOptions {
  readonly type: string;
  readonly title: string;
  readonly dryRun?: boolean;
  /** Overrides git config (tests). */
  readonly author?: string;
  /** Overrides today's date, YYYY-MM-DD (tests). */
  readonly today?: string;
}

export async function runNew(options: NewOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const type = checkType(options.type);
  const title = options.title.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (title.length < 3 || title.length > 120) throw new StudioError(`A title has 3 to 120 characters, found ${title.length}.`, 2);
  const slug = titleSlug(title);
  if (slug === '') throw new StudioError(`The title \`${title}\` has no letters or digits to name the file after.`, 2);

  const kb = loadKnowledgeBase(config);
  const existing = kb.byTitle.get(title);
  if (existing) throw new StudioError(`An atom titled \`${title}\` already exists: ${path.relative(config.root, existing.file)}.`, 1, 'Pick another title, or edit the existing atom.');
  const file = path.join(config.atoms.dirAbs, type, `${slug}.md`);
  if (existsSync(file)) throw new StudioError(`${path.relative(config.root, file)} already exists (another title with the same file name).`, 1, 'Pick a more specific title.');

  const header: AtomHeader = {
    title,
    summary: NEW_ATOM_PROMPTS.summary,
    type,
    status: 'draft',
    author: options.author ?? gitUserName(config.root),
    created: options.today ?? today(),
    version: '0.1.0',
    tags: [],
    related: [],
  };
  const sections: DraftSection[] =
    type === 'faq'
      ? []
      : [...templateSections(type), { heading: 'FAQ', body: `Q: ${NEW_ATOM_PROMPTS.question}\nA: ${NEW_ATOM_PROMPTS.answer}` }];
  const lead = type === 'faq' ? `Q: ${NEW_ATOM_PROMPTS.faqQuestion}\nA: ${NEW_ATOM_PROMPTS.answer}` : undefined;
  const text = renderAtom({ header, sections, ...(lead ? { lead } : {}) });
  const near = nearDuplicate(title, kb.byTitle.keys());
  if (near) io.stderr(`warning: the title is close to the existing atom \`${near}\`; make sure it is a different idea.\n`);
  if (options.dryRun) {
    io.stdout(text);
    return 0;
  }
  applyChanges([{ file, before: undefined, after: text }]);
  io.stdout(`${path.relative(config.root, file)}\n`);
  return 0;
}

function checkType(type: string): AtomType {
  if ((ATOM_TYPES as readonly string[]).includes(type)) return type as AtomType;
  const closestType = closest(type, [...ATOM_TYPES]);
  const guess = ATOM_TYPES.find((candidate) => type.length >= 3 && candidate.startsWith(type)) ?? (distance(type, closestType) <= 2 ? closestType : undefined);
  throw new StudioError(
    `Unexpected type \`${type}\`, expected one of ${ATOM_TYPES.map((t) => `\`${t}\``).join(', ')}.`,
    2,
    guess ? `Did you mean \`${guess}\`?` : undefined,
  );
}

/** The author for new atoms: git's user.name, else the login name. */
export function gitUserName(cwd: string): string {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name !== '') return name;
  } catch {
    // No git, or no user.name set: fall back to the login name below.
  }
  return userInfo().username || 'unknown';
}

/** Today's local date as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
