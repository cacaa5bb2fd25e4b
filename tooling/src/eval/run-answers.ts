/**
 * `atomkit eval answers`: every question through the chat service's `Answerer` in-process (a
 * throwaway store, answer cache off): extractive mode always; with an LLM endpoint configured,
 * LLM mode too, and an LLM judge of both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import { openRetriever, type Retriever } from '../retrieval/api.js';
import { Answerer, type AnswerSettings } from '../../../bot/src/answer/answerer.js';
import { LlmClient } from '../../../bot/src/answer/llm.js';
import { modelSettings } from '../../../bot/src/answer/model-settings.js';
import { createMetrics } from '../../../bot/src/metrics.js';
import { openSqliteStore } from '../../../bot/src/store/sqlite.js';
import { evaluateAnswers, type AnswersReport, type AnswersRun } from './answers.js';
import { openaiJudge, type Judge } from './judge.js';
import { loadEvalInputs, questionsPath, type EvalInputs } from './run-retrieval.js';

export interface AnswersEvalOptions {
  readonly config: AtomkitConfig;
  readonly questionsFile?: string;
  /** Only the first n questions. */
  readonly limit?: number;
  /** Judge with the configured endpoint when there is one. @default true */
  readonly judge?: boolean;
  /** @default the first of `bot.llm.models` */
  readonly judgeModel?: string;
  /** Key for the LLM endpoint (the command reads it from the variable `bot.llm.apiKeyEnv` names). */
  readonly apiKey?: string;
  /** An already open retriever (tests); else the configured index is opened. */
  readonly retriever?: Retriever;
  /** The set already loaded (`loadEvalInputs`). */
  readonly inputs?: EvalInputs;
  readonly onWarning?: (message: string) => void;
}

export async function runAnswersEval(options: AnswersEvalOptions): Promise<AnswersReport> {
  const questionsFile = options.questionsFile ?? questionsPath(options.config);
  const { set, atoms, config } = options.inputs ?? (await loadEvalInputs(options.config, questionsFile, options.onWarning));
  const questions = options.limit ? set.questions.slice(0, options.limit) : set.questions;
  const retriever = options.retriever ?? (await openRetriever(config, options.onWarning ? { onWarning: options.onWarning } : {}));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'atomkit-eval-answers-'));
  const store = openSqliteStore(path.join(tmp, 'bot.sqlite'));
  try {
    const { llm: llmConfig } = config.bot;
    const settings: AnswerSettings = {
      minScore: config.bot.minScore,
      historyTurns: config.bot.historyTurns,
      // Every question is answered afresh: a cached answer would measure the cache.
      cache: false,
      maxContextTokens: llmConfig.maxContextTokens,
      supportContact: config.bot.support.contact,
      suggestUrl: config.bot.support.suggestUrl,
      siteTitle: config.site.title,
    };
    const deps = { retriever, store, metrics: createMetrics({ defaults: false }), settings };
    const endpoint = llmConfig.baseUrl;
    // A judge model named on the command line keeps its settings when bot.llm.models lists it.
    const judgeModel = options.judgeModel !== undefined ? (llmConfig.models.find((entry) => modelSettings(entry).name === options.judgeModel) ?? options.judgeModel) : llmConfig.models[0];
    const judge: Judge | undefined =
      endpoint && judgeModel && options.judge !== false
        ? await openaiJudge({ baseUrl: endpoint, model: judgeModel, timeoutMs: llmConfig.timeoutMs, ...(options.apiKey ? { apiKey: options.apiKey } : {}) })
        : undefined;
    const judgeUnavailable = !endpoint ? 'no LLM endpoint configured (bot.llm.baseUrl or ATOMKIT_LLM_BASE_URL)' : options.judge === false ? 'turned off (--no-judge)' : 'no judge model';
    const atomTexts = new Map(atoms.map((atom) => [atom.id, atom.text]));
    const common = { questions, atomTexts, ...(judge ? { judge } : { judgeUnavailable }) };

    const runs: AnswersRun[] = [];
    const extractive = new Answerer({ ...deps, llm: undefined });
    runs.push(await evaluateAnswers({ ...common, answer: (q) => extractive.answer({ question: q.text, language: q.language }) }));
    if (endpoint) {
      const client = await LlmClient.create({ baseUrl: endpoint, apiKey: options.apiKey, models: llmConfig.models, timeoutMs: llmConfig.timeoutMs });
      const withLlm = new Answerer({ ...deps, llm: client });
      runs.push(await evaluateAnswers({ ...common, answer: (q) => withLlm.answer({ question: q.text, language: q.language }) }));
    }
    return {
      generatedAt: new Date().toISOString(),
      questionSet: path.relative(options.config.root, set.file).split(path.sep).join('/'),
      questions: questions.length,
      runs,
    };
  } finally {
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
    if (!options.retriever) retriever.close();
  }
}
