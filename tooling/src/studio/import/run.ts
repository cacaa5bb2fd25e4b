/**
 * `atomkit import <folder>`: existing docs (Markdown, MDX, Starlight, Docusaurus, VitePress,
 * MkDocs) to draft atoms. Everything is read, turned into plain Markdown, split, typed and
 * checked in memory first; then the accepted drafts are written in one batch (all or nothing).
 * The review report lists every draft least certain first, with what a reviewer must look at.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../../config/load.js';
import type { CliIo } from '../../cli/io.js';
import { progress } from '../../cli/progress.js';
import { headingAnchors } from '../../atom/identity.js';
import { sectionHeadingIn } from '../../atom/sections.js';
import type { AtomHeader } from '../../atom/schema.js';
import { StudioError } from '../errors.js';
import { loadKnowledgeBase } from '../knowledge-base.js';
import { gitUserName, today } from '../new.js';
import { planDrafts, writePlan } from '../plan.js';
import { countBy, printPlan, summaryLine } from '../report.js';
import { DIALECTS, detectDialect, jekyllSite, type Dialect } from './dialect.js';
import { linkResolver, type LinkResolver } from './links.js';
import { normalizePage } from './normalize.js';
import { reviewJson, reviewMarkdown, type ReviewEntry } from './review.js';
import { repeatedPieces } from './repeats.js';
import { readFrontMatter, splitPage, type Piece } from './split.js';
import { pieceId, pieceToDraft } from './to-draft.js';
import { pageLanguages, pairTranslations } from './languages.js';
import { walkDocs } from './walk.js';
import { readTextFile } from '../text-file.js';

export interface ImportOptions {
  readonly folder: string;
  readonly out?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly maxDepth?: number;
  readonly author?: string;
  readonly today?: string;
  /** The docs tool the folder was written for; detected when absent. */
  readonly dialect?: string;
  /** Where to write the review report: `.json` for JSON, anything else Markdown. */
  readonly report?: string;
  /** @default 'draft' */
  readonly status?: string;
}

const STATUSES = ['draft', 'review'] as const;

export async function runImport(options: ImportOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const folder = path.resolve(config.root, options.folder);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw new StudioError(`\`${options.folder}\` does not exist.`, 2);
  }
  if (!isDir) throw new StudioError(`\`${options.folder}\` is not a folder; import takes a folder of .md/.mdx/.markdown docs.`, 2);
  if (options.dialect !== undefined && !(DIALECTS as readonly string[]).includes(options.dialect)) {
    throw new StudioError(`Unexpected dialect \`${options.dialect}\`, expected one of ${DIALECTS.map((d) => `\`${d}\``).join(', ')}.`, 2);
  }
  const status = options.status ?? 'draft';
  if (!(STATUSES as readonly string[]).includes(status)) throw new StudioError(`Unexpected status \`${status}\`, expected \`draft\` or \`review\`.`, 2);
  const walked = walkDocs(folder, { maxFileBytes: config.lint.maxFileBytes, ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}) });
  const languages = pageLanguages(walked.pages.map((page) => page.rel), config.atoms.defaultLanguage, config.atoms.locales);
  const skipped = [...walked.skipped];
  for (const [rel, found] of languages) {
    if (found.kind === 'other') skipped.push({ rel, reason: `written in ${found.name} (\`${found.language}\`), which is not one of the knowledge base's languages (\`atoms.locales\`); not imported` });
  }
  const translated = walked.pages.filter((page) => languages.get(page.rel)?.kind !== 'other');
  if (walked.pages.length === 0) {
    const found = skipped.length > 0 ? `; ${skipped.length} other file${skipped.length === 1 ? '' : 's'}: ${skipped.slice(0, 3).map((item) => `\`${item.rel}\` (${item.reason})`).join(', ')}${skipped.length > 3 ? ', …' : ''}` : '';
    throw new StudioError(`\`${options.folder}\` holds no Markdown pages (.md, .mdx, .markdown) to import${found}.`, 1);
  }
  const dialect = (options.dialect as Dialect | undefined) ?? detectDialect(folder, translated);
  // GitBook's table of contents is its navigation, not a page: the pages it lists are imported.
  const contents = dialect === 'gitbook' ? translated.filter((page) => /^summary\.md$/i.test(path.posix.basename(page.rel))) : [];
  for (const page of contents) skipped.push({ rel: page.rel, reason: "GitBook's table of contents; the pages it lists are imported" });
  const pages = translated.filter((page) => !contents.includes(page));
  const site = dialect === 'jekyll' ? jekyllSite(folder) : undefined;
  const notes: string[] = skipped.map((item) => `${item.rel}: ${item.reason}`);

  const fronts = new Map(pages.map((page) => [page.rel, readFrontMatter(page)]));
  const readPage = (rel: string) => {
    const front = fronts.get(rel);
    return front && 'content' in front ? front.content : undefined;
  };
  const readFile = (rel: string) => {
    // Only files inside the imported folder, never through a link out of it.
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    const read = readTextFile(path.resolve(folder, rel), config.lint.maxFileBytes, folder);
    return read.ok ? read.text : undefined;
  };
  // A large reference (Node's API docs: 60 pages, 1,400 drafts) takes a while: a bar on a terminal.
  const reading = progress(io, { label: 'Reading', unit: 'pages' });
  const normalized = pages.flatMap((page, i) => {
    reading.update(i + 1, pages.length);
    const front = fronts.get(page.rel)!;
    if ('problem' in front) {
      notes.push(`${page.rel}: ${front.problem}`);
      return [];
    }
    const result = normalizePage(front.content, page.rel, { dialect, readPage, readFile, folderName: path.basename(folder), ...(site ? { site } : {}) });
    notes.push(...result.problems);
    return [{ rel: page.rel, data: front.data, result }];
  });
  // A page inlined as a partial is part of the pages that import it, not a page of its own.
  const partials = new Set(normalized.flatMap((page) => page.result.partials));
  const sources = normalized.filter((page) => !partials.has(page.rel));
  const pieces: Piece[] = [];
  const translationOf = (rel: string) => {
    const found = languages.get(rel);
    return found?.kind === 'translation' ? found : undefined;
  };
  // A page's path without its language mark (`README.md` for `README.ja.md` or `README.en.md`): what names and tags it.
  const unmarkedOf = (rel: string) => {
    const found = languages.get(rel);
    return found?.kind === 'translation' || found?.kind === 'original' ? found.unmarked : undefined;
  };
  for (const page of sources) {
    const unmarked = unmarkedOf(page.rel);
    const split = splitPage({ rel: page.rel, data: page.data, markdown: page.result.markdown, ...(unmarked ? { name: path.posix.basename(unmarked).replace(/\.(?:mdx?|markdown)$/i, '') } : {}) });
    for (const problem of split.problems) notes.push(`${page.rel}: ${problem}`);
    pieces.push(...split.pieces);
  }
  reading.stop();
  // Titles must be unique in their language: a repeated one gets its page path.
  const seen = new Map<string, number>();
  const unique = pieces.map((raw) => {
    // A title must have three characters: a two-letter package name gets its folder (the imported
    // folder's name for a page at its top).
    const pageFolder = path.posix.dirname(raw.page);
    const piece = raw.title.length >= 3 ? raw : { ...raw, title: `${raw.title} (${pageFolder === '.' ? path.basename(folder) : pageFolder})` };
    const key = `${translationOf(piece.page)?.language ?? ''}\u0000${piece.title.toLowerCase()}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return count === 0 ? piece : { ...piece, title: `${piece.title} (${piece.page.replace(/\.(?:mdx?|markdown)$/i, '')}${count > 1 ? ` ${count}` : ''})`.slice(0, 120) };
  });
  // A page of everything beside a page per item: the pieces that only repeat the others are not
  // written, and a link to one goes to the first piece that holds its text.
  const repeated = repeatedPieces(unique);
  const repeats = new Map([...repeated].map(([piece, holders]) => [piece.title, `every paragraph is also in ${holders.slice(0, 3).map((holder) => `\`${holder.title}\``).join(', ')}${holders.length > 3 ? ` and ${holders.length - 3} more` : ''}`]));
  const byPage = new Map<string, Piece[]>();
  for (const piece of unique) byPage.set(piece.page, [...(byPage.get(piece.page) ?? []), piece]);
  const translations = pairTranslations(byPage, languages);
  const outDir = options.out ? path.resolve(config.root, options.out) : config.atoms.dirAbs;
  const outRel = path.relative(config.atoms.dirAbs, outDir).split(path.sep).join('/');
  // A translation is where the project keeps one: in its locale folder, named as its source (`ja/procedure/<source's slug>`).
  const idOf = (piece: Piece) => {
    const translation = translations.get(piece);
    const named = translation?.source ?? piece;
    return translation ? `${translation.language}/${pieceId({ ...piece, type: named.type, title: named.title })}` : pieceId(piece);
  };
  const context = {
    folderName: path.basename(folder),
    author: options.author ?? gitUserName(config.root),
    today: options.today ?? today(),
    base: config.site.base,
    status: status as NonNullable<AtomHeader['status']>,
    idOf: (piece: Piece) => (outRel && !outRel.startsWith('..') ? `${outRel}/${idOf(piece)}` : idOf(piece)),
    resolve: heldElsewhere(linkResolver(sources, byPage), repeated),
    pathOf: (piece: Piece) => unmarkedOf(piece.page) ?? piece.page,
  };
  const drafting = progress(io, { label: 'Drafting', unit: 'pieces' });
  const built = unique.map((piece, i) => {
    drafting.update(i + 1, unique.length);
    const translation = translations.get(piece);
    if (!translation) return { piece, ...pieceToDraft(piece, context) };
    const source = translation.source;
    // A translation is the same kind of atom as its source, whatever its words would say.
    const drafted = pieceToDraft(source ? { ...piece, type: source.type } : piece, context);
    const header = { ...drafted.draft.header, language: translation.language, ...(source ? { translation_of: source.title, source_version: '0.1.0' } : {}) };
    // Its sections are headed in its language, as the knowledge base's own translations are.
    const sections = drafted.draft.sections.map((section) => ({ ...section, heading: sectionHeadingIn(header.type, section.heading, translation.language) }));
    return { piece, ...drafted, draft: { ...drafted.draft, header, sections } };
  });
  drafting.stop();
  const kb = loadKnowledgeBase(config);
  const plan = planDrafts(built.map((item) => item.draft), kb, { root: config.root, outDir, repeats, defaultLanguage: config.atoms.defaultLanguage });
  const written = options.dryRun ? 0 : writePlan(plan, config.root);
  const counts = countBy(plan);
  const droppedByPage = new Map(normalized.map((page) => [page.rel, page.result.dropped]));
  const review: ReviewEntry[] = built.map((item, i) => ({
    path: plan[i]!.path,
    title: item.piece.title,
    source: `${item.piece.page}${item.piece.sourceAnchor ? `#${item.piece.sourceAnchor}` : ''}`,
    type: item.piece.type,
    confidence: item.piece.confidence,
    signals: item.piece.signals,
    prompts: item.prompts,
    unmappedLinks: item.unmapped,
    droppedComponents: droppedByPage.get(item.piece.page) ?? {},
    merged: item.piece.merged,
    status: plan[i]!.status,
  }));
  const unmappedNotes = built.flatMap((item) => item.unmapped.map((url) => `${item.piece.page}: link to \`${url}\` has no imported target; kept as written`));
  const figures = {
    dialect,
    pages: pages.length,
    links: { resolved: built.reduce((n, item) => n + item.resolved, 0), unmapped: unmappedNotes.length },
  };
  if (options.report) {
    const reportFile = path.resolve(config.root, options.report);
    writeFileSync(reportFile, /\.json$/i.test(reportFile) ? reviewJson(review, figures) : reviewMarkdown(review, figures));
  }
  if (options.json) {
    io.stdout(`${JSON.stringify({ folder: options.folder, ...figures, skipped, notes: [...notes, ...unmappedNotes], drafts: plan.map(({ text: _t, ...rest }, i) => ({ ...rest, confidence: review[i]!.confidence })), written }, null, 2)}\n`);
  } else {
    printPlan(io, plan, { dryRun: Boolean(options.dryRun), root: config.root });
    if (notes.length + unmappedNotes.length > 0) {
      io.stdout(`\nnot mapped (${notes.length + unmappedNotes.length}):\n`);
      for (const note of [...notes, ...unmappedNotes]) io.stdout(`  ${note}\n`);
    }
    io.stdout(`\n${pages.length} pages read (${dialect}), ${skipped.length} files skipped, ${plan.length} pieces; ${figures.links.resolved} links resolved, ${figures.links.unmapped} kept as written\n`);
    io.stdout(summaryLine(plan, written, Boolean(options.dryRun)));
  }
  return counts.invalid > 0 ? 1 : 0;
}

/**
 * A link to a piece that is not written because it repeats others goes to the one of those named
 * as the link's anchor (`Rules.md#md003---heading-style`: the page of MD003), else the first, at its top.
 */
function heldElsewhere(resolve: LinkResolver, repeated: ReadonlyMap<Piece, readonly Piece[]>): LinkResolver {
  return (fromPage, url) => {
    const found = resolve(fromPage, url);
    const holders = found && repeated.get(found.piece);
    if (!holders) return found;
    const anchor = url.includes('#') ? url.slice(url.indexOf('#') + 1).toLowerCase() : undefined;
    const named = holders.find((holder) => headingAnchors([holder.title.split(': ').at(-1)!])[0] === anchor);
    return { piece: named ?? holders[0]!, anchor: undefined };
  };
}
