/**
 * Extraction with a model behind an OpenAI-compatible endpoint. The model is asked, with
 * structured output (a JSON Schema response format), for atoms of the project's types; every
 * proposal is rendered and checked like any atom (header schema, required sections, `related`
 * titles, cited anchors that exist). Invalid proposals are sent back once with their problems;
 * what is still invalid is reported, never written.
 */
import type OpenAI from 'openai';
import { loadOpenAI } from '../../package/openai.js';
import { modelSettings, RefusedFields, sendWithSupportedFields, type ModelSettings } from '../../../../bot/src/answer/model-settings.js';
import { stripThinking } from '../../../../bot/src/answer/thinking.js';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AtomkitConfig } from '../../config/load.js';
import { ATOM_TYPES, type AtomHeader } from '../../atom/schema.js';
import { REQUIRED_SECTIONS } from '../../atom/sections.js';
import { checkAtomText, renderAtom, type AtomDraft } from '../draft.js';
import { StudioError } from '../errors.js';
import type { InterviewTurn, ParsedInterview } from '../interview/parse.js';
import type { InterviewHeader } from '../interview/schema.js';
import { toTag } from '../text.js';

export interface ModelExtractOptions {
  readonly ref: string;
  readonly today: string;
  /** Titles of existing atoms (`related` may name them). */
  readonly titles: ReadonlySet<string>;
  readonly llm: AtomkitConfig['bot']['llm'];
  readonly apiKey?: string;
  /** Turns per request are capped at this many characters. @default 24000 */
  readonly chunkChars?: number;
  readonly log?: (line: string) => void;
}

export interface ModelExtractResult {
  readonly drafts: AtomDraft[];
  readonly rejected: { title: string; problems: string[] }[];
  readonly model: string;
}

/** What the model returns, one entry per proposed atom (JSON Schema, strict mode). */
export const PROPOSALS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['atoms'],
  properties: {
    atoms: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'summary', 'type', 'tags', 'related', 'error_codes', 'anchors', 'body'],
        properties: {
          title: { type: 'string', description: 'Unique title, 3-120 characters.' },
          summary: { type: 'string', description: 'One line, 10-300 characters: what the atom is for and when it applies.' },
          type: { type: 'string', enum: [...ATOM_TYPES] },
          tags: { type: 'array', items: { type: 'string', description: 'lower case, hyphenated' } },
          related: { type: 'array', items: { type: 'string', description: 'exact title of another atom' } },
          error_codes: { type: 'array', items: { type: 'string' }, description: 'for error atoms: codes and message fragments seen in logs' },
          anchors: { type: 'array', items: { type: 'string', description: 'turn anchor like t-012' }, description: 'the turns the atom is based on' },
          body: { type: 'string', description: 'Markdown body with the `##` sections the type requires; no YAML header.' },
        },
      },
    },
  },
} as const;

interface Proposal {
  title: string;
  summary: string;
  type: string;
  tags: string[];
  related: string[];
  error_codes: string[];
  anchors: string[];
  body: string;
}

/** Asks the model for drafts, chunk by chunk of the transcript. */
export async function extractWithModel(interview: ParsedInterview, header: InterviewHeader, options: ModelExtractOptions): Promise<ModelExtractResult> {
  const { OpenAI } = await loadOpenAI('Extraction with a model (bot.llm)');
  const client = new OpenAI({
    baseURL: options.llm.baseUrl,
    apiKey: options.apiKey ?? 'not-set',
    timeout: options.llm.timeoutMs,
    maxRetries: 1,
  });
  const anchors = new Set(interview.turns.flatMap((turn) => (turn.anchor ? [turn.anchor] : [])));
  const drafts: AtomDraft[] = [];
  const rejected: ModelExtractResult['rejected'] = [];
  const models = options.llm.models.map(modelSettings);
  const refused = new RefusedFields();
  let usedModel = models[0]?.name ?? 'unknown';
  const chunks = chunkTurns(interview.turns, options.chunkChars ?? 24_000);
  for (const [i, chunk] of chunks.entries()) {
    options.log?.(`asking the model about turns ${chunk[0]?.anchor ?? '?'}-${chunk.at(-1)?.anchor ?? '?'} (${i + 1}/${chunks.length})`);
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: systemPrompt() },
      { role: 'user', content: transcriptPrompt(header, chunk, options.titles) },
    ];
    const first = await ask(client, models, refused, messages);
    usedModel = first.model;
    const checked = first.proposals.map((proposal) => check(proposal, header, options, anchors));
    const invalid = checked.filter((item) => item.problems.length > 0);
    for (const item of checked) if (item.problems.length === 0) drafts.push(item.draft);
    if (invalid.length === 0) continue;
    // One re-ask, with the problems of each invalid proposal.
    messages.push({ role: 'assistant', content: first.raw });
    messages.push({ role: 'user', content: reaskPrompt(invalid) });
    const second = await ask(client, models, refused, messages);
    const rechecked = second.proposals.map((proposal) => check(proposal, header, options, anchors));
    for (const item of rechecked) {
      if (item.problems.length === 0) drafts.push(item.draft);
      else rejected.push({ title: item.proposal.title, problems: item.problems });
    }
    // Proposals the model dropped in its second answer stay rejected with their first problems.
    for (const item of invalid) {
      if (!rechecked.some((again) => again.proposal.title === item.proposal.title)) {
        rejected.push({ title: item.proposal.title, problems: item.problems });
      }
    }
  }
  return { drafts, rejected, model: usedModel };
}

async function ask(
  client: OpenAI,
  models: readonly ModelSettings[],
  refused: RefusedFields,
  messages: ChatCompletionMessageParam[],
): Promise<{ proposals: Proposal[]; raw: string; model: string }> {
  let lastError: unknown;
  for (const settings of models) {
    const model = settings.name;
    try {
      // Each model with its settings (bot.llm.models); a parameter it refuses is left out, not fatal.
      const completion = await sendWithSupportedFields(settings, refused.of(model), (fields) =>
        client.chat.completions.create({
          ...fields,
          model,
          messages,
          stream: false,
          response_format: { type: 'json_schema', json_schema: { name: 'atom_proposals', strict: true, schema: PROPOSALS_SCHEMA as unknown as Record<string, unknown> } },
        }),
      );
      const content = completion.choices[0]?.message?.content ?? '';
      const raw = settings.stripThinking ? stripThinking(content) : content;
      return { proposals: parseProposals(raw), raw, model };
    } catch (error) {
      lastError = error;
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new StudioError(`The model endpoint did not give usable proposals: ${reason}`, 1, 'Check bot.llm.baseUrl and the models, or run without an endpoint for the deterministic extractor (--no-llm).');
}

function parseProposals(raw: string): Proposal[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new Error('the answer is not JSON');
  }
  const atoms = (data as { atoms?: unknown })?.atoms;
  if (!Array.isArray(atoms)) throw new Error('the answer has no `atoms` list');
  return atoms.map((item) => {
    const value = (item ?? {}) as Record<string, unknown>;
    const strings = (key: string) => (Array.isArray(value[key]) ? (value[key] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
    return {
      title: typeof value.title === 'string' ? value.title : '',
      summary: typeof value.summary === 'string' ? value.summary : '',
      type: typeof value.type === 'string' ? value.type : '',
      tags: strings('tags'),
      related: strings('related'),
      error_codes: strings('error_codes'),
      anchors: strings('anchors'),
      body: typeof value.body === 'string' ? value.body : '',
    };
  });
}

function check(proposal: Proposal, header: InterviewHeader, options: ModelExtractOptions, anchors: ReadonlySet<string>) {
  const atomHeader = {
    title: proposal.title.trim(),
    summary: proposal.summary.trim(),
    type: proposal.type,
    status: 'draft',
    author: header.interviewer,
    created: options.today,
    version: '0.1.0',
    // Tags are normalized (case, spaces) rather than sent back for such a small thing.
    tags: [...new Set(proposal.tags.map((tag) => toTag(tag) ?? tag))],
    related: proposal.related,
    ...(proposal.error_codes.length > 0 ? { error_codes: proposal.error_codes } : {}),
    sources: proposal.anchors.map((anchor) => ({ ref: `${options.ref}#${anchor}` })),
  } as AtomHeader;
  const body = proposal.body.replace(/^---[\s\S]*?---\s*/, '').replace(/^#\s+[^\n]*\n+/, '');
  const draft: AtomDraft = { header: atomHeader, lead: body, sections: [] };
  const problems = checkAtomText(renderAtom(draft), options.titles);
  const unknown = proposal.anchors.filter((anchor) => !anchors.has(anchor));
  if (unknown.length > 0) problems.push(`cites anchors that are not in the transcript: ${unknown.join(', ')}`);
  if (proposal.anchors.length === 0) problems.push('cites no turn anchors: every draft must say which turns it came from');
  return { proposal, draft, problems };
}

function chunkTurns(turns: readonly InterviewTurn[], maxChars: number): InterviewTurn[][] {
  const chunks: InterviewTurn[][] = [[]];
  let size = 0;
  for (const turn of turns) {
    const length = turn.text.length + 40;
    if (size + length > maxChars && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(turn);
    size += length;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

function systemPrompt(): string {
  const types = ATOM_TYPES.map((type) => {
    const sections = type === 'faq' ? 'only `Q: ...` / `A: ...` pairs, no headings' : REQUIRED_SECTIONS[type].map((s) => `\`## ${s.heading}\` (${s.prompt}${s.numbered ? ' A numbered list.' : ''}${s.template ? ' A fenced yaml or json block.' : ''})`).join(', ');
    return `- ${type}: ${sections}`;
  }).join('\n');
  return [
    'You turn interview transcripts into knowledge atoms: small Markdown documents, one idea each, 400-800 words when the material allows.',
    'Use only what the interviewee said; never invent commands, codes or numbers. Cite the anchors of the turns each atom is based on.',
    'Atom types and the body sections each must have:',
    types,
    'Any atom except faq may end with `## FAQ` holding `Q:` / `A:` pairs. Tags are lower case and hyphenated. `related` may only name titles listed as existing atoms or other atoms in your answer.',
  ].join('\n');
}

function transcriptPrompt(header: InterviewHeader, turns: readonly InterviewTurn[], titles: ReadonlySet<string>): string {
  const existing = [...titles].slice(0, 200);
  return [
    `Interview with ${header.interviewee} (${header.role}) by ${header.interviewer} about ${header.system}, ${header.date}. Topics: ${header.topics.join(', ')}.`,
    existing.length > 0 ? `Existing atom titles (do not duplicate them):\n${existing.map((t) => `- ${t}`).join('\n')}` : 'There are no existing atoms yet.',
    'Transcript turns (anchor, speaker, text):',
    ...turns.map((turn) => `[${turn.anchor ?? 'no-anchor'}] ${turn.speaker}: ${turn.markdown}`),
  ].join('\n\n');
}

function reaskPrompt(invalid: readonly { proposal: Proposal; problems: string[] }[]): string {
  return [
    'Some proposals are not valid atoms. Return corrected versions of only these, in the same JSON format:',
    ...invalid.map((item) => `- "${item.proposal.title}":\n${item.problems.map((p) => `  - ${p}`).join('\n')}`),
  ].join('\n');
}
