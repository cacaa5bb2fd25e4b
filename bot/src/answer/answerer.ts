/**
 * Answers one question: thread check, language, cache, retrieval, then an LLM answer (with
 * fallback) or an extractive one, or "not in the atoms"; the exchange is stored and uncovered
 * questions are recorded for coverage analysis. When the store cannot be reached (PostgreSQL
 * lost), the question is still answered: reads fall back (no history, cache miss) and a write that
 * failed is counted and reported in the response (`stored: false`).
 */
import { v7 as uuidv7 } from 'uuid';
import { packageVersion } from '../../../tooling/src/package/files.js';
import type { Retriever, SearchFilters, SearchHit } from '../../../tooling/src/retrieval/api.js';
import { mostConfident } from '../../../tooling/src/retrieval/confidence.js';
import { languagePreferred } from '../../../tooling/src/retrieval/preference.js';
import type { Answer, QueryRequest, QueryResponse } from '../contract.js';
import { ApiError } from '../errors.js';
import type { BotMetrics } from '../metrics.js';
import { cacheKey, type CacheKeyParts } from '../store/cache.js';
import { StoreUnavailableError, type Store } from '../store/store.js';
import type { HistoryTurn } from '../store/threads.js';
import { MarkerFilter, checkCitations, type Source } from './citations.js';
import { composeExtractive } from './extractive.js';
import { baseLanguage, detectLanguage } from './language.js';
import { LlmUnavailableError, type LlmCall, type LlmClient, type TokenUsage } from './llm.js';
import { phrasesFor } from './phrases.js';
import { buildMessages, translationPrompt } from './prompt.js';
import { questionTerms, termHits } from './terms.js';

const VERSION = packageVersion();
/** Units retrieved per question when `k` is not set. */
const DEFAULT_K = 8;

export interface AnswerSettings {
  readonly minScore: number;
  readonly historyTurns: number;
  readonly cache: boolean;
  readonly maxContextTokens: number;
  readonly supportContact: string;
  /** `{question}` is replaced by the URL-encoded question; none, no "suggest an atom" link. */
  readonly suggestUrl: string | undefined;
  readonly siteTitle: string;
  /** Units retrieved per question (confidence is computed per unit, so this is most of the search cost). @default 8 */
  readonly k?: number;
  /** The language most atoms are written in; questions in other languages may be translated to it for retrieval. @default 'en' */
  readonly defaultLanguage?: string;
}

/** Receives a streamed answer; see bot/README.md for the event protocol built on it. */
export interface AnswerSink {
  token(text: string): void;
  /** Discard the tokens sent so far: another model (or extractive mode) answers instead. */
  reset(): void;
}

export interface AnswererDeps {
  readonly retriever: Retriever;
  readonly store: Store;
  readonly metrics: BotMetrics;
  readonly llm: LlmClient | undefined;
  readonly settings: AnswerSettings;
}

/** Tokens the model calls for one question used, summed. */
class UsageTally {
  total: TokenUsage | undefined;

  add(usage: TokenUsage | undefined): void {
    if (!usage) return;
    const sum = this.total ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    this.total = {
      promptTokens: sum.promptTokens + usage.promptTokens,
      completionTokens: sum.completionTokens + usage.completionTokens,
      totalTokens: sum.totalTokens + usage.totalTokens,
    };
  }
}

/** Pages offered beside "not in the atoms", at most... */
const CLOSEST_PAGES = 3;
/** ...that the search found with at least this share of the confidence an answer needs. */
const CLOSEST_SHARE = 0.25;
/** A closest page names one question term in its title or summary for every this many... */
const CLOSEST_TERMS_PER_NAMED = 3;
/** ...and never needs to name more than this many (a long question is told in the asker's words). */
const CLOSEST_NAMED_MAX = 2;

/** Characters per streamed chunk of an answer that is not generated token by token. */
const CHUNK_CHARS = 48;

export class Answerer {
  constructor(readonly deps: AnswererDeps) {}

  get mode(): 'llm' | 'extractive' {
    return this.deps.llm ? 'llm' : 'extractive';
  }

  async answer(request: QueryRequest, sink?: AnswerSink, signal?: AbortSignal): Promise<QueryResponse> {
    const started = performance.now();
    const { store, metrics, settings } = this.deps;
    const { threadId, filters } = request;
    // Half of a surrogate pair (a JSON body may carry one) is stored and sent on as U+FFFD, not as text no UTF-8 can hold.
    const question = request.question.toWellFormed();
    if (threadId !== undefined && !(await this.threadExists(threadId))) {
      throw new ApiError('ATOMKIT_ERR_THREAD_NOT_FOUND', 'No conversation has this thread id; omit `threadId` to start a new one.');
    }
    const language = request.language ?? filters?.language ?? detectLanguage(question);
    const history = threadId ? await this.#read('history', [], () => store.threads.history(threadId, settings.historyTurns)) : [];
    const mode = this.mode;
    // An LLM answer depends on the conversation so far; an extractive one only on the question.
    const cacheable = settings.cache && (mode === 'extractive' || history.length === 0);
    const keyParts: CacheKeyParts = {
      question,
      indexHash: this.deps.retriever.manifest.contentHash,
      mode,
      model: this.deps.llm?.models[0] ?? null,
      language,
      filters: filters ?? null,
      answerer: `atomkit ${VERSION}; minScore ${settings.minScore}; k ${settings.k ?? DEFAULT_K}`,
    };
    const key = cacheable ? cacheKey(keyParts) : undefined;

    const usage = new UsageTally();
    let answer: Answer | undefined = key ? await this.#read('cache', undefined, () => store.cache.get(key)) : undefined;
    const cached = answer !== undefined;
    let topHit: SearchHit | undefined;
    if (cacheable) (cached ? metrics.cacheHits : metrics.cacheMisses).inc();
    if (answer) {
      streamWhole(answer.answer, sink);
    } else {
      const hits = await this.retrieve(question, language, filters, { usage, ...(signal ? { signal } : {}) });
      // Order is by fused score; whether the atoms cover the question is the best confidence.
      topHit = mostConfident(hits);
      if (!topHit || topHit.confidence < settings.minScore) {
        answer = this.#notCovered(question, language, hits);
        streamWhole(answer.answer, sink);
      } else if (this.deps.llm) {
        answer = await this.#llmAnswer(question, language, hits, history, usage, sink, signal);
      } else {
        answer = this.#extractive(question, language, hits, false);
        streamWhole(answer.answer, sink);
      }
      const fresh = answer;
      if (key && !fresh.degraded) await this.#write('cache', () => store.cache.set(key, keyParts, fresh));
    }

    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const exchange = { threadId, question, language, answer, cached, latencyMs, usage: usage.total };
    let storedIds: { threadId: string; messageId: string } | undefined;
    const stored = await this.#write('exchange', async () => {
      storedIds = await store.threads.addExchange(exchange);
    });
    // The store names a stored exchange; one it could not store still gets ids of its own.
    const ids = storedIds ?? { threadId: threadId ?? uuidv7(), messageId: uuidv7() };
    if (!answer.answered && stored) {
      const { threadId: storedThread, messageId } = ids;
      await this.#write('unanswered', () =>
        store.unanswered.record({ question, language, topScore: topHit?.confidence, topAtomId: topHit?.atomId, threadId: storedThread, messageId }),
      );
    }
    metrics.answers.inc({ mode: answer.mode, answered: String(answer.answered) });
    return { ...answer, ...ids, cached, latencyMs, ...(stored ? {} : { stored: false }) };
  }

  /** Is `threadId` known? True when the store cannot tell (unreachable): the question is answered without its history. */
  threadExists(threadId: string): Promise<boolean> {
    return this.#read('thread', true, () => this.deps.store.threads.exists(threadId));
  }

  /** A store read, or `fallback` (counted) when the store cannot be reached. */
  async #read<T>(what: string, fallback: T, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.deps.metrics.storeReadFailures.inc({ read: what });
      return fallback;
    }
  }

  /** A store write; false (counted) when the store cannot be reached. */
  async #write(what: string, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.deps.metrics.storeWriteFailures.inc({ write: what });
      return false;
    }
  }

  /**
   * The units a question finds: in the asker's `language` first, in any language when none of
   * those are confident, and (with a model) through a translation to the atoms' main language.
   * `filters.language`, unlike `language`, is a strict filter.
   */
  async retrieve(
    question: string,
    language: string,
    filters: SearchFilters | undefined,
    { usage = new UsageTally(), signal, k = this.deps.settings.k ?? DEFAULT_K }: { usage?: UsageTally; signal?: AbortSignal; k?: number } = {},
  ): Promise<SearchHit[]> {
    const { retriever, settings } = this.deps;
    const confident = (hits: readonly SearchHit[]) => hits.some((hit) => hit.confidence >= settings.minScore);
    const best = (hits: readonly SearchHit[]) => Math.max(0, ...hits.map((hit) => hit.confidence));
    let all: SearchHit[];
    try {
      all = await languagePreferred(retriever, question, language, { k, minScore: settings.minScore, ...(filters ? { filters } : {}) });
      if (filters?.language || confident(all.filter((hit) => baseLanguage(hit.language) === baseLanguage(language)))) return all;
    } catch (error) {
      throw retrievalFailed(error);
    }
    // Few atoms in the asker's language cover this: with a model at hand, search the atoms' main
    // language with a translation too, and keep whichever finds more.
    const main = settings.defaultLanguage ?? 'en';
    if (this.deps.llm && baseLanguage(language) !== baseLanguage(main)) {
      const translated = await this.#translate(question, main, usage, signal);
      if (translated) {
        const found = await retriever.search(translated, { k, ...(filters ? { filters } : {}) }).catch(() => []);
        if (best(found) > best(all)) return found;
      }
    }
    return all;
  }

  /** The question in `target` language, or undefined when no model could translate it. */
  async #translate(question: string, target: string, usage: UsageTally, signal: AbortSignal | undefined): Promise<string | undefined> {
    try {
      const reply = await this.deps.llm!.complete(translationPrompt(question, target), { ...(signal ? { signal } : {}), onCall: (call) => this.#observe(call) });
      usage.add(reply.usage);
      const { text } = reply;
      const translated = text.trim();
      return translated === '' ? undefined : translated.slice(0, 2000);
    } catch (error) {
      if (signal?.aborted) throw error;
      // Retrieval goes on with the original question; the answer step reports model failures.
      return undefined;
    }
  }

  /** Counts a model call's latency and tokens in the metrics. */
  #observe(call: LlmCall): void {
    const { metrics } = this.deps;
    const labels = { model: call.model, outcome: call.outcome };
    metrics.llmDuration.observe(labels, call.durationMs / 1000);
    if (call.firstTokenMs !== undefined) metrics.llmFirstToken.observe(labels, call.firstTokenMs / 1000);
    if (call.usage) {
      metrics.llmTokens.inc({ model: call.model, kind: 'prompt' }, call.usage.promptTokens);
      metrics.llmTokens.inc({ model: call.model, kind: 'completion' }, call.usage.completionTokens);
    }
  }

  #notCovered(question: string, language: string, hits: readonly SearchHit[]): Answer {
    const { settings } = this.deps;
    // Cut at 200 code units, the question may end in half an emoji, which encodeURIComponent refuses.
    const suggestUrl = settings.suggestUrl?.replaceAll('{question}', encodeURIComponent(question.trim().slice(0, 200).toWellFormed()));
    // A near miss is worth a link (the atom may answer in words the search did not match) when its
    // title and summary name the question: one rare word shared by chance is no near miss.
    const terms = questionTerms(question);
    const named = Math.min(CLOSEST_NAMED_MAX, Math.max(1, Math.ceil(terms.length / CLOSEST_TERMS_PER_NAMED)));
    const near = hits.filter((hit) => hit.confidence >= settings.minScore * CLOSEST_SHARE && termHits(`${hit.title} ${hit.summary}`, terms) >= named);
    // In the asker's language when there is such a page: the same page in two languages is one page.
    const own = near.filter((hit) => baseLanguage(hit.language) === baseLanguage(language));
    const closest = [...new Map((own.length > 0 ? own : near).map((hit) => [hit.atomId, { title: hit.title, url: hit.pageUrl }])).values()].slice(0, CLOSEST_PAGES);
    return {
      answer: phrasesFor(language).notCovered(settings.supportContact, suggestUrl, closest),
      citations: [],
      answered: false,
      mode: this.mode,
      model: null,
      degraded: false,
      language,
      support: { contact: settings.supportContact, ...(suggestUrl ? { suggestUrl } : {}) },
    };
  }

  #extractive(question: string, language: string, hits: readonly SearchHit[], degraded: boolean): Answer {
    const confident = quotable(hits, this.deps.settings.minScore);
    let atomUnits: SearchHit[] = [];
    try {
      if (confident[0]) atomUnits = this.deps.retriever.unitsOf(confident[0].atomId);
    } catch (error) {
      throw retrievalFailed(error);
    }
    const { answer, citations } = composeExtractive(question, confident, { language, minScore: this.deps.settings.minScore, atomUnits });
    return { answer, citations, answered: true, mode: 'extractive', model: null, degraded, language };
  }

  async #llmAnswer(
    question: string,
    language: string,
    hits: readonly SearchHit[],
    history: readonly HistoryTurn[],
    usage: UsageTally,
    sink: AnswerSink | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Answer> {
    const { settings, metrics } = this.deps;
    const llm = this.deps.llm!;
    // Units below the threshold are noise to a model as much as to a reader.
    const all: Source[] = quotable(hits, settings.minScore).map((hit, i) => ({ n: i + 1, hit }));
    const { messages, sourcesUsed } = buildMessages({
      question,
      language,
      sources: all,
      history,
      siteTitle: settings.siteTitle,
      supportContact: settings.supportContact,
      maxContextTokens: settings.maxContextTokens,
    });
    const sources = all.slice(0, sourcesUsed);
    let filter = new MarkerFilter(sources.length);
    try {
      const reply = await llm.complete(messages, {
        ...(sink
          ? {
              onToken: (delta: string) => {
                const safe = filter.push(delta);
                if (safe) sink.token(safe);
              },
              onReset: () => {
                filter = new MarkerFilter(sources.length);
                sink.reset();
              },
            }
          : {}),
        ...(signal ? { signal } : {}),
        onFailure: (failure, next) => {
          metrics.llmErrors.inc({ model: failure.model, reason: failure.reason });
          metrics.fallbacks.inc({ to: next ?? 'extractive', reason: failure.reason });
        },
        onSkip: (model, next) => {
          metrics.llmSkips.inc({ model });
          metrics.fallbacks.inc({ to: next ?? 'extractive', reason: 'cooldown' });
        },
        onCall: (call) => this.#observe(call),
      });
      const { text, model } = reply;
      usage.add(reply.usage);
      if (sink) {
        const rest = filter.flush();
        if (rest) sink.token(rest);
      }
      const checked = checkCitations(text.trim(), sources);
      return { answer: checked.text, citations: checked.citations, answered: true, mode: 'llm', model, degraded: false, language };
    } catch (error) {
      if (!(error instanceof LlmUnavailableError)) throw error;
      const answer = this.#extractive(question, language, hits, true);
      streamWhole(answer.answer, sink);
      return answer;
    }
  }
}

/** A search, or the read of an atom's units after it, that the index could not answer: a 503 saying why. */
function retrievalFailed(error: unknown): ApiError {
  return new ApiError('ATOMKIT_ERR_RETRIEVAL_FAILED', `The search index could not answer: ${(error as Error).message}`);
}

/** Streams a finished answer in small chunks, so clients handle every mode the same way. */
function streamWhole(text: string, sink: AnswerSink | undefined): void {
  if (!sink) return;
  for (const chunk of chunks(text)) sink.token(chunk);
}

/**
 * Splits text into chunks of about CHUNK_CHARS, at spaces where there are any.
 *
 * @example chunks('a b').join('') //=> 'a b'
 */
export function chunks(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/(?<=\s)/)) {
    if (current.length + word.length > CHUNK_CHARS && current !== '') {
      out.push(current);
      current = '';
    }
    if (word.length > CHUNK_CHARS) {
      // By code points, so a chunk never ends inside a surrogate pair (Japanese has no spaces to cut at).
      const points = Array.from(word);
      for (let i = 0; i < points.length; i += CHUNK_CHARS) out.push(points.slice(i, i + CHUNK_CHARS).join(''));
    } else current += word;
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * The hits an answer is made from, once the most confident says the atoms cover the question: the
 * atom the search ranked first, which answers it best, whatever share of the question's words it
 * holds, and every other atom that holds enough of them. Quoting the first confident atom instead
 * put a page that shares words with the question ahead of the page the ranking found.
 *
 * @example quotable([{ atomId: 'a', confidence: 0.05 }, { atomId: 'b', confidence: 0.4 }, { atomId: 'c', confidence: 0.01 }], 0.13).map((hit) => hit.atomId) //=> ['a', 'b']
 */
export function quotable<T extends Pick<SearchHit, 'atomId' | 'confidence'>>(hits: readonly T[], minScore: number): T[] {
  return hits.filter((hit) => hit.atomId === hits[0]?.atomId || hit.confidence >= minScore);
}
