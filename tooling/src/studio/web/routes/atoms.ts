/**
 * The atom editor's API: `GET /api/atoms` lists the atoms, `GET /api/atom?path=` opens one, `POST /api/lint` lints the editor's
 * content as if it were saved (`POST /api/split` turns source back into header and body), `POST /api/preview` renders a body the way the site does, and
 * `POST /api/atom/save` writes atomically, refusing to replace a file that changed on disk since
 * it was opened (the answer carries the difference instead).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { MarkdownRenderer } from '@astrojs/markdown-remark';
import { titleSlug } from '../../../atom/identity.js';
import type { ParsedAtomText } from '../../../atom/parse.js';
import type { Diagnostic } from '../../../lint/types.js';
import { atomRemarkPlugins } from '../../../site/markdown-plugins.js';
import { applyChanges, unifiedDiff } from '../../changes.js';
import { readTextFile } from '../../text-file.js';
import { composeAtom, splitAtom, splitParsed } from '../atom-text.js';
import type { StudioContext } from '../app.js';
import { StudioApiError } from '../errors.js';
import { knowledgeFile, projectRel } from '../writable-paths.js';

/** What the editor sends: a header and a body (form mode), or the whole file (source mode). */
export interface EditorContent {
  /** Project-relative path; for a new atom, where it will be saved. */
  readonly path?: string;
  /** The file as it was opened, so unchanged header fields keep their formatting. */
  readonly base?: string;
  readonly header?: Record<string, unknown>;
  readonly body?: string;
  readonly text?: string;
}

/** A diagnostic with the header field it is about, so the form can show it beside the field. */
export type EditorDiagnostic = Diagnostic & { readonly field?: string; readonly index?: number };

export const contentSchema = {
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, maxLength: 1000 },
    base: { type: 'string' },
    header: { type: 'object' },
    body: { type: 'string' },
    text: { type: 'string' },
  },
} as const;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The file text for editor content. */
export function contentText(content: EditorContent): { text: string; bodyLine: number } {
  if (content.text !== undefined) return { text: content.text, bodyLine: 1 };
  if (!content.header || content.body === undefined) throw new StudioApiError('ATOMKIT_ERR_INVALID_REQUEST', 'Send either `text`, or `header` and `body`.');
  return composeAtom(content.base, content.header, content.body);
}

/** Where a new atom goes: `atoms/<type>/<title slug>.md`. */
export function newAtomPath(context: StudioContext, header: Record<string, unknown> | undefined): string {
  const type = typeof header?.type === 'string' ? header.type : 'draft';
  const title = typeof header?.title === 'string' ? header.title : '';
  return projectRel(context.config, path.join(context.config.atoms.dirAbs, titleSlug(type) || 'draft', `${titleSlug(title) || 'untitled'}.md`));
}

/** Marks each header diagnostic with the field (and list item) it points into. */
export function locateFields(parsed: ParsedAtomText, diagnostics: readonly Diagnostic[]): EditorDiagnostic[] {
  const data = parsed.data;
  if (!parsed.frontmatter || !data || typeof data !== 'object' || Array.isArray(data)) return [...diagnostics];
  const headerEnd = parsed.frontmatter.range.end?.line ?? 1;
  const keys = Object.keys(data).map((key) => ({ key, line: parsed.keyPositionOf([key]).start.line })).sort((a, b) => a.line - b.line);
  return diagnostics.map((diagnostic) => {
    const line = diagnostic.start.line;
    if (line > headerEnd) return diagnostic;
    const field = keys.filter((key) => key.line <= line).at(-1)?.key;
    if (!field) return diagnostic;
    const value = (data as Record<string, unknown>)[field];
    const index = Array.isArray(value) ? value.findIndex((_, i) => parsed.positionOf([field, i]).start.line === line && parsed.positionOf([field, i]).start.column === diagnostic.start.column) : -1;
    return { ...diagnostic, field, ...(index >= 0 ? { index } : {}) };
  });
}

export const atomRoutes: FastifyPluginAsync<StudioContext> = async (app, context) => {
  const { config, linter } = context;
  let renderer: Promise<MarkdownRenderer> | undefined;

  const lint = (content: EditorContent) => {
    const { text, bodyLine } = contentText(content);
    const rel = content.path ?? newAtomPath(context, content.header);
    const file = knowledgeFile(config, rel, 'atoms');
    const result = linter.lint(text, file);
    return { text, bodyLine, path: projectRel(config, file), diagnostics: locateFields(result.atom, result.diagnostics), words: result.words, limits: result.limits };
  };

  app.get('/api/atoms', async () => ({
    atoms: [...linter.atoms()]
      .map(([shown, atom]) => ({ path: shown, title: atom.entry.title ?? shown, type: atom.type ?? null, status: atom.status ?? 'published' }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  }));

  app.get<{ Querystring: { path: string } }>(
    '/api/atom',
    { schema: { querystring: { type: 'object', required: ['path'], properties: { path: { type: 'string', minLength: 1, maxLength: 1000 } } } } },
    async (request, reply) => {
      const file = knowledgeFile(config, request.query.path, 'atoms');
      const read = readTextFile(file, config.lint.maxFileBytes, config.root);
      if (!read.ok) throw new StudioApiError('ATOMKIT_ERR_NOT_FOUND', `Cannot open ${request.query.path}: ${read.reason}`);
      const started = performance.now();
      const linted = linter.lint(read.text, file);
      const parts = splitParsed(linted.atom);
      void reply.header('server-timing', `lint;dur=${(performance.now() - started).toFixed(1)}`);
      return {
        path: projectRel(config, file),
        text: read.text,
        hash: sha256(read.text),
        header: parts.header ?? null,
        body: parts.body,
        bodyLine: parts.bodyLine,
        diagnostics: locateFields(linted.atom, linted.diagnostics),
        words: linted.words,
        limits: linted.limits,
      };
    },
  );

  app.post<{ Body: EditorContent }>('/api/lint', { schema: { body: contentSchema } }, async (request, reply) => {
    const started = performance.now();
    const answer = lint(request.body);
    // How long the server took, for the browser's timing of lint as you type (the benchmark reads it).
    void reply.header('server-timing', `lint;dur=${(performance.now() - started).toFixed(1)}`);
    return answer;
  });

  app.post<{ Body: { text: string } }>(
    '/api/split',
    { schema: { body: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } } },
    async (request) => {
      const parts = splitAtom(request.body.text);
      return { header: parts.header ?? null, body: parts.body };
    },
  );

  app.post<{ Body: { body: string } }>(
    '/api/preview',
    { schema: { body: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } } } },
    async (request) => {
      renderer ??= import('@astrojs/markdown-remark').then(({ createMarkdownProcessor }) => createMarkdownProcessor({ remarkPlugins: [...atomRemarkPlugins], syntaxHighlight: false }));
      return { html: (await (await renderer).render(request.body.body)).code };
    },
  );

  app.post<{ Body: EditorContent & { hash?: string | null } }>(
    '/api/atom/save',
    { schema: { body: { ...contentSchema, properties: { ...contentSchema.properties, hash: { type: ['string', 'null'] } } } } },
    async (request) => {
      const { text, path: rel, diagnostics } = lint(request.body);
      const file = knowledgeFile(config, rel, 'atoms');
      const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      const expected = request.body.hash ?? null;
      if (expected === null && onDisk !== undefined) {
        throw new StudioApiError('ATOMKIT_ERR_EXISTS', `${rel} exists already; give the atom another title, or open the existing one.`);
      }
      if (expected !== null && onDisk === undefined) {
        throw new StudioApiError('ATOMKIT_ERR_CONFLICT', `${rel} was deleted on disk since it was opened.`, { current: null, hash: null, diff: unifiedDiff({ file, before: undefined, after: text }, config.root) });
      }
      if (expected !== null && onDisk !== undefined && sha256(onDisk) !== expected) {
        throw new StudioApiError('ATOMKIT_ERR_CONFLICT', `${rel} changed on disk since it was opened; compare before saving.`, {
          current: onDisk,
          hash: sha256(onDisk),
          diff: unifiedDiff({ file, before: onDisk, after: text }, config.root),
        });
      }
      if (onDisk !== text) {
        applyChanges([{ file, before: onDisk, after: text }]);
        linter.invalidate();
      }
      return { path: rel, hash: sha256(text), text, diagnostics };
    },
  );
};
