/**
 * The transcript workspace: `GET /api/interviews` (every transcript with how much of it atoms
 * cite), `GET /api/interview?path=` (its turns, each with the atoms citing it) and
 * `POST /api/drafts/from-passage` (a new atom proposed from selected turns by the configured model,
 * else the deterministic extractor; not yet written).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { findAtomFiles } from '../../../atom/load.js';
import { titleSlug } from '../../../atom/identity.js';
import { ATOM_TYPES, type AtomHeader, type AtomType } from '../../../atom/schema.js';
import { renderAtom, templateSections, type AtomDraft } from '../../draft.js';
import { extractDeterministic } from '../../extract/deterministic.js';
import { readInterview } from '../../interview/lint.js';
import type { InterviewTurn, ParsedInterview } from '../../interview/parse.js';
import type { InterviewHeader } from '../../interview/schema.js';
import { today } from '../../new.js';
import { capitalize, clampTitle, sentences, summarize, toTag } from '../../text.js';
import { splitAtom } from '../atom-text.js';
import type { StudioContext } from '../app.js';
import { StudioApiError } from '../errors.js';
import type { KnownAtom } from '../live-lint.js';
import { knowledgeFile, projectRel } from '../writable-paths.js';

export interface CitingAtom {
  readonly title: string;
  readonly path: string;
}

/** Atoms citing each passage, keyed `interviews/x.md#t-004`. */
export function citations(atoms: ReadonlyMap<string, KnownAtom>): Map<string, CitingAtom[]> {
  const out = new Map<string, CitingAtom[]>();
  for (const [shown, atom] of atoms) {
    for (const ref of atom.sources) {
      const list = out.get(ref) ?? [];
      list.push({ title: atom.entry.title ?? shown, path: shown });
      out.set(ref, list);
    }
  }
  return out;
}

/** A transcript as the list shows it; `passages` are the keys of its citable turns. */
interface TranscriptSummary {
  readonly path: string;
  readonly title: string;
  readonly interviewee: string | undefined;
  readonly role: string | undefined;
  readonly date: string | undefined;
  readonly system: string | undefined;
  readonly passages: readonly string[];
  readonly errors: number;
}

export const interviewRoutes: FastifyPluginAsync<StudioContext> = async (app, context) => {
  const { config, linter } = context;
  const read = (rel: string) => {
    const file = knowledgeFile(config, rel, 'interviews');
    const result = readInterview(file, { projectRoot: config.root, maxFileBytes: config.lint.maxFileBytes * 4 });
    if (result.text === undefined) throw new StudioApiError('ATOMKIT_ERR_NOT_FOUND', `Cannot read ${rel}: ${result.diagnostics[0]?.message ?? 'unknown reason'}`);
    return { file, rel: projectRel(config, file), ...result };
  };

  // The first view lists every transcript with its coverage: what that takes from parsing every
  // transcript and indexing every atom's sources is kept until a file changes.
  let cited: { revision: number; map: Map<string, CitingAtom[]> } | undefined;
  const citedNow = () => {
    const atoms = linter.atoms();
    if (cited?.revision !== linter.revision) cited = { revision: linter.revision, map: citations(atoms) };
    return cited.map;
  };
  const summaries = new Map<string, { stamp: string; summary: TranscriptSummary }>();
  const summaryOf = (file: string): TranscriptSummary => {
    let stamp: string;
    try {
      const stats = statSync(file);
      stamp = `${stats.size}:${stats.mtimeMs}`;
    } catch {
      stamp = 'unreadable';
    }
    const known = summaries.get(file);
    if (known?.stamp === stamp) return known.summary;
    const rel = projectRel(config, file);
    const { interview, diagnostics } = readInterview(file, { projectRoot: config.root });
    const header = interview?.header;
    const summary: TranscriptSummary = {
      path: rel,
      title: header?.title ?? path.basename(file, '.md'),
      interviewee: header?.interviewee,
      role: header?.role,
      date: header?.date,
      system: header?.system,
      passages: (interview?.turns ?? []).filter((turn) => turn.anchor && turn.role !== 'interviewer').map((turn) => `${rel}#${turn.anchor}`),
      errors: diagnostics.filter((d) => d.severity === 'error').length,
    };
    summaries.set(file, { stamp, summary });
    return summary;
  };

  const list = () => {
    const map = citedNow();
    const files = findAtomFiles(config.atoms.interviewsAbs, config.root).filter((file) => /\.md$/i.test(file));
    for (const file of summaries.keys()) if (!files.includes(file)) summaries.delete(file);
    const interviews = files.map((file) => {
      const { passages, ...summary } = summaryOf(file);
      return { ...summary, passages: passages.length, cited: passages.filter((key) => map.has(key)).length };
    });
    return { interviews };
  };
  // The transcript list is the first page: parsed now, not when it is first asked for.
  list();
  app.get('/api/interviews', async () => list());

  app.get<{ Querystring: { path: string } }>(
    '/api/interview',
    { schema: { querystring: { type: 'object', required: ['path'], properties: { path: { type: 'string', minLength: 1, maxLength: 1000 } } } } },
    async (request) => {
      const { rel, interview, diagnostics } = read(request.query.path);
      const cited = citedNow();
      return {
        path: rel,
        header: interview?.header ?? null,
        diagnostics,
        turns: (interview?.turns ?? []).map((turn) => ({
          anchor: turn.anchor ?? null,
          speaker: turn.speaker,
          role: turn.role,
          section: turn.section ?? null,
          markdown: turn.markdown,
          line: turn.range.start.line,
          citedBy: turn.anchor ? (cited.get(`${rel}#${turn.anchor}`) ?? []) : [],
        })),
      };
    },
  );

  app.post<{ Body: { transcript: string; anchors: string[]; type: AtomType } }>(
    '/api/drafts/from-passage',
    {
      schema: {
        body: {
          type: 'object',
          required: ['transcript', 'anchors', 'type'],
          additionalProperties: false,
          properties: {
            transcript: { type: 'string', minLength: 1, maxLength: 1000 },
            anchors: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'string', pattern: '^t-\\d{3,}$' } },
            type: { enum: [...ATOM_TYPES] },
          },
        },
      },
    },
    async (request) => {
      const { rel, interview, text } = read(request.body.transcript);
      if (!interview?.header) throw new StudioApiError('ATOMKIT_ERR_INVALID_REQUEST', `${rel} has no valid header; fix it (\`atomkit lint ${rel}\`) before drafting from it.`);
      const wanted = new Set(request.body.anchors);
      const turns = interview.turns.filter((turn) => turn.anchor && wanted.has(turn.anchor));
      const missing = [...wanted].filter((anchor) => !turns.some((turn) => turn.anchor === anchor));
      if (missing.length > 0) throw new StudioApiError('ATOMKIT_ERR_INVALID_REQUEST', `${rel} has no turn ${missing.map((a) => `#${a}`).join(', ')}.`);
      const extract = { ref: rel, today: context.today ?? today(), text: text! };
      const sources = turns.map((turn) => ({ ref: `${rel}#${turn.anchor}` }));
      let draft: AtomDraft | undefined;
      let note: string | undefined;
      if (config.bot.llm.baseUrl) {
        try {
          const { extractWithModel } = await import('../../extract/llm.js');
          const result = await extractWithModel(passageOf(interview, turns), interview.header, {
            ...extract,
            titles: new Set(linter.vocabulary().titles),
            llm: config.bot.llm,
            ...(context.apiKey ? { apiKey: context.apiKey } : {}),
          });
          const proposed = result.drafts.find((candidate) => candidate.header.type === request.body.type);
          if (proposed) draft = { ...proposed, header: { ...proposed.header, sources } };
          else note = `The model proposed no ${request.body.type} atom for these turns; this draft is the deterministic extractor's.`;
        } catch (error) {
          note = `The model could not be asked (${(error as Error).message}); this draft is the deterministic extractor's.`;
        }
      }
      draft ??= draftFromPassage(interview, interview.header, turns, request.body.type, extract);
      const split = splitAtom(renderAtom(draft));
      return {
        mode: note === undefined && config.bot.llm.baseUrl ? 'llm' : 'deterministic',
        ...(note ? { note } : {}),
        path: projectRel(config, path.join(config.atoms.dirAbs, draft.header.type, `${titleSlug(draft.header.title) || 'untitled'}.md`)),
        header: split.header,
        body: split.body,
      };
    },
  );
};

/** The transcript reduced to the selected turns, numbered again (extractors look at neighbours by index). */
function passageOf(interview: ParsedInterview, turns: readonly InterviewTurn[]): ParsedInterview {
  return { ...interview, turns: turns.map((turn, index) => ({ ...turn, index })) };
}

/**
 * A draft of `type` from the selected turns: the deterministic extractor's, when it finds one of
 * that type in the passage, else the type's template with the passage's answers under its first
 * section. Either way `sources` are exactly the selected anchors.
 */
export function draftFromPassage(
  interview: ParsedInterview,
  header: InterviewHeader,
  turns: readonly InterviewTurn[],
  type: AtomType,
  context: { readonly ref: string; readonly today: string; readonly text: string },
): AtomDraft {
  const sources = turns.map((turn) => ({ ref: `${context.ref}#${turn.anchor}` }));
  const extracted = extractDeterministic(passageOf(interview, turns), header, context).find((draft) => draft.header.type === type);
  if (extracted) return { ...extracted, header: { ...extracted.header, related: [], sources } };
  const question = turns.find((turn) => turn.role === 'interviewer');
  const answers = turns.filter((turn) => turn.role !== 'interviewer');
  const asked = question ? sentences(question.text).filter((sentence) => sentence.includes('?')).at(-1) : undefined;
  const title = clampTitle(capitalize((asked ?? sentences(answers[0]?.text ?? turns[0]!.text)[0] ?? `${header.system} ${type}`).replace(/\?+$/, '').trim()));
  const answerText = answers.map((turn) => turn.markdown).join('\n\n');
  const sections = templateSections(type);
  const tag = toTag(header.topics[0] ?? header.system);
  const atomHeader: AtomHeader = {
    title,
    summary: summarize(answers.map((turn) => turn.text).join(' '), `What the ${header.role} said about ${header.system}.`),
    type,
    status: 'draft',
    author: header.interviewer,
    created: context.today,
    version: '0.1.0',
    tags: tag ? [tag] : [],
    related: [],
    sources,
  };
  if (type === 'faq') return { header: atomHeader, lead: `Q: ${asked ?? `${title}?`}\nA: ${answerText.replace(/\s+/g, ' ').trim()}`, sections: [] };
  return { header: atomHeader, sections: sections.map((section, i) => (i === 0 && answerText ? { ...section, body: answerText } : section)) };
}
