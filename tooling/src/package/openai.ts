/**
 * The `openai` package, an optional peer dependency: only an OpenAI-compatible endpoint
 * (`bot.llm`, the eval judge, extraction with a model, the `openai` embedder) needs it, so it is
 * loaded when one is configured. Extractive answers, search, lint, index and the site work without.
 */
import { importOptional } from './optional.js';

export type OpenAISdk = typeof import('openai');

/** What `bot.llm` answers need the package for, as the install hint names it. */
export const LLM_ANSWERS = 'Answers from a language model (bot.llm)';

/**
 * Loads the `openai` package for `purpose`.
 *
 * @throws OptionalDependencyUnavailable saying in one sentence what to install when it is missing.
 * @example const { default: OpenAI } = await loadOpenAI('The eval judge')
 */
export function loadOpenAI(purpose: string): Promise<OpenAISdk> {
  return importOptional<OpenAISdk>('openai', purpose);
}
