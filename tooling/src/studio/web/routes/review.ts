/**
 * The review queue: `GET /api/review` lists drafts and atoms in review, least certain first, each
 * with the passage or page it came from; `POST /api/review/accept` moves each one's status on
 * (draft to review, review to published); `POST /api/review/discard` deletes drafts.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { REQUIRED_SECTIONS } from '../../../atom/sections.js';
import { linksOutside } from '../../../atom/outside-links.js';
import { readInterview } from '../../interview/lint.js';
import { editHeader } from '../../header-edit.js';
import { applyChanges } from '../../changes.js';
import type { StudioContext } from '../app.js';
import { StudioApiError } from '../errors.js';
import { knowledgeFile } from '../writable-paths.js';
import { sha256 } from './atoms.js';

const NEXT_STATUS: Readonly<Record<string, string>> = { draft: 'review', review: 'published' };
/** Prompts a template leaves in place until someone writes the section. */
const PROMPTS = [...new Set(Object.values(REQUIRED_SECTIONS).flatMap((specs) => specs.map((spec) => spec.prompt)))];

export interface SourcePassage {
  readonly ref: string;
  /** Who said it, for a transcript turn. */
  readonly speaker?: string;
  /** The passage or page text (Markdown), when the ref resolves inside the project. */
  readonly markdown?: string;
}

const pathsBody = {
  type: 'object',
  required: ['paths'],
  additionalProperties: false,
  properties: { paths: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 1000 } } },
} as const;

export const reviewRoutes: FastifyPluginAsync<StudioContext> = async (app, context) => {
  const { config, linter } = context;

  /** The text a source ref points at: a transcript turn, or a file of the project (by heading anchor). */
  const passage = (ref: string): SourcePassage => {
    const [target = '', anchor] = ref.split('#');
    const file = path.resolve(config.root, target);
    const rel = path.relative(config.root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel) || linksOutside(file, config.root) || !/\.mdx?$/i.test(file)) return { ref };
    const inInterviews = !path.relative(config.atoms.interviewsAbs, file).startsWith('..');
    if (inInterviews && anchor) {
      const turn = readInterview(file, { projectRoot: config.root }).interview?.turns.find((candidate) => candidate.anchor === anchor);
      return turn ? { ref, speaker: turn.speaker, markdown: turn.markdown } : { ref };
    }
    try {
      const text = readFileSync(file, 'utf8');
      return { ref, markdown: text.length > 4000 ? `${text.slice(0, 4000)}…` : text };
    } catch {
      return { ref };
    }
  };

  app.get('/api/review', async () => {
    const items = [];
    for (const [shown, atom] of linter.atoms()) {
      if (atom.status !== 'draft' && atom.status !== 'review') continue;
      const file = path.resolve(config.root, shown);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const { diagnostics, words, limits } = linter.lint(text, file);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      const prompts = PROMPTS.filter((prompt) => text.includes(prompt)).length;
      const sources = atom.sources.map(passage);
      const unresolved = sources.filter((source) => source.markdown === undefined).length;
      // Least certain first: what the linter found, template text left in, sources nobody can check.
      const uncertainty = errors * 3 + warnings + prompts * 2 + (sources.length === 0 ? 3 : unresolved * 2);
      const reasons = [
        ...(errors ? [`${errors} lint error${errors === 1 ? '' : 's'}`] : []),
        ...(warnings ? [`${warnings} warning${warnings === 1 ? '' : 's'}`] : []),
        ...(prompts ? [`${prompts} section${prompts === 1 ? '' : 's'} still holding the template's prompt`] : []),
        ...(sources.length === 0 ? ['no sources'] : unresolved ? [`${unresolved} source${unresolved === 1 ? '' : 's'} not found`] : []),
      ];
      items.push({ path: shown, title: atom.entry.title ?? shown, type: atom.type ?? null, status: atom.status, hash: sha256(text), uncertainty, reasons, words, limits, sources });
    }
    items.sort((a, b) => b.uncertainty - a.uncertainty || a.title.localeCompare(b.title));
    return { items };
  });

  app.post<{ Body: { paths: string[] } }>('/api/review/accept', { schema: { body: pathsBody } }, async (request) => {
    const changes = request.body.paths.map((rel) => {
      const file = knowledgeFile(config, rel, 'atoms');
      const before = readExisting(file, rel);
      const status = (linter.atoms().get(rel)?.status ?? '') as string;
      const next = NEXT_STATUS[status];
      if (!next) throw new StudioApiError('ATOMKIT_ERR_INVALID_REQUEST', `${rel} has status \`${status || 'published'}\`; only drafts and atoms in review move on.`);
      return { file, rel, before, after: editHeader(before, (doc) => doc.set('status', next)).text, status: next };
    });
    applyChanges(changes.map(({ file, before, after }) => ({ file, before, after })));
    linter.invalidate();
    return { accepted: changes.map(({ rel, status }) => ({ path: rel, status })) };
  });

  app.post<{ Body: { paths: string[] } }>('/api/review/discard', { schema: { body: pathsBody } }, async (request) => {
    const files = request.body.paths.map((rel) => {
      const file = knowledgeFile(config, rel, 'atoms');
      readExisting(file, rel);
      const status = linter.atoms().get(rel)?.status;
      if (status !== 'draft' && status !== 'review') throw new StudioApiError('ATOMKIT_ERR_INVALID_REQUEST', `${rel} is published; the review queue discards only drafts and atoms in review.`);
      return file;
    });
    for (const file of files) rmSync(file);
    linter.invalidate();
    return { discarded: request.body.paths };
  });
};

function readExisting(file: string, rel: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new StudioApiError('ATOMKIT_ERR_NOT_FOUND', `${rel} does not exist (any more).`);
  }
}
