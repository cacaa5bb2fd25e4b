/**
 * The messages sent to the language model: a system prompt with the rules and the numbered atoms,
 * the recent conversation, then the question, all within a token budget (atoms first: an answer
 * without its sources is worse than one without the history).
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { HistoryTurn } from '../store/threads.js';
import type { Source } from './citations.js';
import { languageName } from './language.js';

export interface PromptInput {
  readonly question: string;
  readonly language: string;
  readonly sources: readonly Source[];
  readonly history: readonly HistoryTurn[];
  /** Site title, so the model knows whose docs these are. */
  readonly siteTitle: string;
  readonly supportContact: string;
  /** Budget for the whole prompt. */
  readonly maxContextTokens: number;
}

/** Share of the budget the atoms may take; the rest is for rules, history and the question. */
const SOURCES_SHARE = 0.7;

/**
 * A cheap token estimate (no tokenizer shipped): about 4 characters per token for Latin text, one
 * token per CJK character.
 *
 * @example estimateTokens('hello world!') //=> 3
 */
export function estimateTokens(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** The rules of the seed's assistant: atoms only, cite by number, no invented code, user's language. */
export function systemRules(siteTitle: string, language: string, supportContact: string): string {
  return [
    `You are the documentation assistant of ${siteTitle}. Answer the user's question using ONLY the numbered atoms below.`,
    'Rules:',
    '- Cite every claim with the number of the atom it comes from in square brackets, like [1] or [1][3]. Use only the numbers listed below.',
    '- Only give code, commands and configuration that appear in the atoms, unchanged. Never invent any.',
    '- Be clear and concise. Keep numbered steps as numbered steps.',
    `- Answer in ${languageName(language)}, the language of the question.`,
    `- If the atoms do not answer the question, say so plainly, do not guess, and suggest contacting ${supportContact}.`,
  ].join('\n');
}

function sourceBlock(source: Source): string {
  const { hit } = source;
  const where = hit.kind === 'faq' ? `FAQ: ${hit.question ?? hit.section ?? ''}` : (hit.section ?? 'Overview');
  const body = hit.kind === 'faq' && hit.answer ? `Q: ${hit.question ?? ''}\nA: ${hit.answer}` : hit.text;
  return `[${source.n}] ${hit.title} — ${where} (${hit.url})\n${body.trim()}`;
}

/** Builds the chat messages; sources and history that do not fit the budget are left out. */
export function buildMessages(input: PromptInput): { messages: ChatCompletionMessageParam[]; sourcesUsed: number; turnsUsed: number } {
  const rules = systemRules(input.siteTitle, input.language, input.supportContact);
  const questionTokens = estimateTokens(input.question);
  let budget = input.maxContextTokens - estimateTokens(rules) - questionTokens;
  const sourceBudget = Math.max(0, Math.floor(budget * SOURCES_SHARE));
  const blocks: string[] = [];
  let used = 0;
  for (const source of input.sources) {
    const block = sourceBlock(source);
    const cost = estimateTokens(block);
    // The best source always goes in, however long: without it there is nothing to answer from.
    if (blocks.length > 0 && used + cost > sourceBudget) break;
    blocks.push(block);
    used += cost;
  }
  budget -= used;
  const turns: ChatCompletionMessageParam[] = [];
  for (let i = input.history.length - 1; i >= 0; i--) {
    const turn = input.history[i]!;
    const cost = estimateTokens(turn.content) + 4;
    if (cost > budget) break;
    budget -= cost;
    turns.unshift({ role: turn.role, content: turn.content });
  }
  // A conversation must not start with an answer whose question was cut off.
  while (turns[0]?.role === 'assistant') turns.shift();
  return {
    messages: [
      { role: 'system', content: `${rules}\n\nAtoms:\n\n${blocks.join('\n\n')}` },
      ...turns,
      { role: 'user', content: input.question },
    ],
    sourcesUsed: blocks.length,
    turnsUsed: turns.length,
  };
}

/**
 * Asks for the question in the atoms' main language, for retrieval only (the answer still comes
 * in the asker's language).
 *
 * @example translationPrompt('ログの意味は？', 'en')[0].content //=> 'Translate the user's question into English ...'
 */
export function translationPrompt(question: string, target: string): ChatCompletionMessageParam[] {
  return [
    {
      role: 'system',
      content:
        `Translate the user's question into ${languageName(target)} for a documentation search. ` +
        'Keep product names, commands, file names, error codes and log text exactly as written. Reply with the translation only.',
    },
    { role: 'user', content: question },
  ];
}
