/**
 * `atomkit import <folder>`: existing Markdown docs to draft atoms. Everything is read, split,
 * typed and checked in memory first; then the accepted drafts are written in one batch (all or
 * nothing). The report lists every file, link and piece that could not be mapped.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../../config/load.js';
import type { CliIo } from '../../cli/io.js';
import { StudioError } from '../errors.js';
import { loadKnowledgeBase } from '../knowledge-base.js';
import { gitUserName, today } from '../new.js';
import { planDrafts, writePlan } from '../plan.js';
import { countBy, printPlan, summaryLine } from '../report.js';
import { pieceId, pieceToDraft, splitPage, type Piece } from './split.js';
import { walkDocs } from './walk.js';

export interface ImportOptions {
  readonly folder: string;
  readonly out?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly maxDepth?: number;
  readonly author?: string;
  readonly today?: string;
}

export async function runImport(options: ImportOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const folder = path.resolve(config.root, options.folder);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw new StudioError(`\`${options.folder}\` does not exist.`, 2);
  }
  if (!isDir) throw new StudioError(`\`${options.folder}\` is not a folder; import takes a folder of .md/.mdx docs.`, 2);
  const { pages, skipped } = walkDocs(folder, { maxFileBytes: config.lint.maxFileBytes, ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}) });
  const notes: string[] = skipped.map((item) => `${item.rel}: ${item.reason}`);
  const pieces: Piece[] = [];
  for (const page of pages) {
    const split = splitPage(page);
    for (const problem of split.problems) notes.push(`${page.rel}: ${problem}`);
    pieces.push(...split.pieces);
  }
  // Titles must be unique: a repeated one gets its page path.
  const seen = new Map<string, number>();
  const unique = pieces.map((raw) => {
    // A title must have three characters: a two-letter package name gets its folder.
    const piece = raw.title.length >= 3 ? raw : { ...raw, title: `${raw.title} (${path.posix.dirname(raw.page)})` };
    const count = seen.get(piece.title.toLowerCase()) ?? 0;
    seen.set(piece.title.toLowerCase(), count + 1);
    return count === 0 ? piece : { ...piece, title: `${piece.title} (${piece.page.replace(/\.mdx?$/i, '')}${count > 1 ? ` ${count}` : ''})`.slice(0, 120) };
  });
  const byPage = new Map<string, Piece[]>();
  for (const piece of unique) byPage.set(piece.page, [...(byPage.get(piece.page) ?? []), piece]);
  const outDir = options.out ? path.resolve(config.root, options.out) : config.atoms.dirAbs;
  const outRel = path.relative(config.atoms.dirAbs, outDir).split(path.sep).join('/');
  const context = {
    folderName: path.basename(folder),
    author: options.author ?? gitUserName(config.root),
    today: options.today ?? today(),
    base: config.site.base,
    idOf: (piece: Piece) => (outRel && !outRel.startsWith('..') ? `${outRel}/${pieceId(piece)}` : pieceId(piece)),
    resolve: (fromPage: string, url: string) => {
      const [rawPath = '', anchor] = url.split('#');
      const target = rawPath === '' ? fromPage : path.posix.normalize(path.posix.join(path.posix.dirname(fromPage), decodeURI(rawPath)));
      const candidates = [target, `${target}.md`, `${target}.mdx`, `${target.replace(/\/$/, '')}/index.md`, `${target.replace(/\/$/, '')}/README.md`];
      // A site-absolute link (`/docs/api.md`) names the page by its path's tail.
      const bySuffix = rawPath.startsWith('/') ? [...byPage.keys()].filter((rel) => candidates.some((c) => `/${c}`.endsWith(`/${rel}`) || `/${rel}`.endsWith(c.replace(/^\/+|^(\.\.\/)+/g, '/')))) : [];
      const page = [...candidates, ...bySuffix].map((candidate) => byPage.get(candidate)).find(Boolean);
      if (!page) return undefined;
      const piece = (anchor && page.find((candidate) => candidate.anchors.includes(anchor))) || page[0]!;
      return { piece, anchor: anchor && piece.anchors.includes(anchor) ? anchor : undefined };
    },
  };
  const unmapped: string[] = [];
  const drafts = unique.map((piece) => pieceToDraft(piece, context, unmapped));
  const kb = loadKnowledgeBase(config);
  const plan = planDrafts(drafts, kb, { root: config.root, outDir });
  const written = options.dryRun ? 0 : writePlan(plan, config.root);
  const counts = countBy(plan);
  if (options.json) {
    io.stdout(`${JSON.stringify({ folder: options.folder, pages: pages.length, skipped, notes: [...notes, ...unmapped], drafts: plan.map(({ text: _t, ...rest }) => rest), written }, null, 2)}\n`);
  } else {
    printPlan(io, plan, { dryRun: Boolean(options.dryRun), root: config.root });
    if (notes.length + unmapped.length > 0) {
      io.stdout(`\nnot mapped (${notes.length + unmapped.length}):\n`);
      for (const note of [...notes, ...unmapped]) io.stdout(`  ${note}\n`);
    }
    io.stdout(`\n${pages.length} pages read, ${skipped.length} files skipped, ${plan.length} pieces\n`);
    io.stdout(summaryLine(plan, written, Boolean(options.dryRun)));
  }
  return counts.invalid > 0 ? 1 : 0;
}
