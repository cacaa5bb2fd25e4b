/**
 * An LLM judge of answer correctness on any OpenAI-compatible endpoint (the `openai` client):
 * it sees the question, the reference atoms, the facts a correct answer must contain and the
 * answer, and replies with a score (1 correct, 0.5 partly, 0 wrong) as JSON.
 */
import { modelSettings, sendWithSupportedFields, type ModelEntry } from '../../../bot/src/answer/model-settings.js';
import { loadOpenAI } from '../package/openai.js';
import { stripThinking } from '../../../bot/src/answer/thinking.js';

export interface JudgeInput {
  readonly question: string;
  readonly answer: string;
  readonly facts: readonly string[];
  /** Text of the gold atoms. */
  readonly reference: string;
}

export interface Verdict {
  readonly score: number;
  readonly reason: string;
}

export interface Judge {
  readonly model: string;
  /** The verdict, or undefined when the model's reply could not be read as one. */
  judge(input: JudgeInput): Promise<Verdict | undefined>;
}

export interface JudgeOptions {
  readonly baseUrl: string;
  /** A name, or a `bot.llm.models` entry with its settings. */
  readonly model: ModelEntry;
  /** Some local servers need no key; the client needs a non-empty string. */
  readonly apiKey?: string;
  readonly timeoutMs?: number;
}

const SYSTEM_PROMPT = [
  'You grade answers of a documentation assistant.',
  'Compare the answer with the reference documentation and the required facts.',
  'Score 1 when the answer is correct and complete for the question, 0.5 when it is correct but misses part of what was asked, 0 when it is wrong, unrelated, or says it does not know although the reference answers it.',
  'Reply with JSON only: {"score": 0 | 0.5 | 1, "reason": "<one sentence>"}.',
].join(' ');

/** Reference text beyond this many characters is cut (atoms are short; this bounds the prompt). */
const MAX_REFERENCE_CHARS = 12_000;

/** @throws OptionalDependencyUnavailable when the `openai` package is not installed. */
export async function openaiJudge(options: JudgeOptions): Promise<Judge> {
  const { OpenAI } = await loadOpenAI('The LLM judge of `atomkit eval`');
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey || 'unused', timeout: options.timeoutMs ?? 60_000, maxRetries: 1 });
  const settings = modelSettings(options.model);
  const refused = new Set<string>();
  return {
    model: settings.name,
    async judge(input) {
      const user = [
        `Question:\n${input.question}`,
        `Reference documentation:\n${input.reference.slice(0, MAX_REFERENCE_CHARS)}`,
        input.facts.length > 0 ? `Required facts:\n${input.facts.map((f) => `- ${f}`).join('\n')}` : '',
        `Answer to grade:\n${input.answer}`,
      ].filter(Boolean).join('\n\n');
      const completion = await sendWithSupportedFields(settings, refused, (fields) =>
        client.chat.completions.create({
          ...fields,
          model: settings.name,
          stream: false,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: user },
          ],
        }),
      );
      const reply = completion.choices[0]?.message?.content ?? '';
      // Braces in the judge's thinking must not be read as its verdict.
      return parseVerdict(settings.stripThinking ? stripThinking(reply) : reply);
    },
  };
}

/**
 * Reads the judge's reply: the first JSON object in it, score clamped to 0..1.
 *
 * @example parseVerdict('Sure: {"score": 0.5, "reason": "misses step 2"}') //=> { score: 0.5, reason: 'misses step 2' }
 */
export function parseVerdict(reply: string): Verdict | undefined {
  const match = /\{[\s\S]*\}/.exec(reply);
  if (!match) return undefined;
  try {
    const data = JSON.parse(match[0]) as { score?: unknown; reason?: unknown };
    const score = typeof data.score === 'string' ? Number(data.score) : data.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
    return { score: Math.min(1, Math.max(0, score)), reason: typeof data.reason === 'string' ? data.reason : '' };
  } catch {
    return undefined;
  }
}
