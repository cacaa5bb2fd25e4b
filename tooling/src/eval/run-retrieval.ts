/**
 * `atomkit eval retrieval`: the question set against every retrieval system in one run (lexical,
 * dense, hybrid, hybrid+rerank when a reranker is given, the site's Pagefind search when asked).
 */
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import { loadAtoms, type Atom } from '../atom/load.js';
import { linkRoot } from '../atom/outside-links.js';
import { OptionalDependencyUnavailable } from '../package/optional.js';
import { openRetriever, type Retriever } from '../retrieval/api.js';
import { checkQuestions, resolveSources, type QuestionProblem } from './coverage.js';
import { prepareCorpus } from './corpus.js';
import { loadQuestionSet, QuestionSetError, type QuestionSet } from './questions.js';
import { retrieverRanker, type Ranker, type SystemName, type Unavailable } from './ranker.js';
import { evaluateRankers } from './retrieval.js';
import type { RetrievalReport } from './report.js';

export interface RetrievalEvalOptions {
  readonly config: AtomkitConfig;
  /** @default '<root>/eval/questions.yaml' */
  readonly questionsFile?: string;
  /** Systems to run; the others are reported as not requested. @default all but pagefind */
  readonly systems?: readonly SystemName[];
  /** The built site for the Pagefind baseline (it must hold `pagefind/pagefind.js`). */
  readonly siteDist?: string;
  /** Cross-encoder model id for the hybrid+rerank system (e.g. `Xenova/ms-marco-MiniLM-L-6-v2`). */
  readonly reranker?: string;
  /** An already open retriever (tests); else the configured index is opened. */
  readonly retriever?: Retriever;
  /** The set already loaded (`loadEvalInputs`), so a run of several parts imports a corpus once. */
  readonly inputs?: EvalInputs;
  readonly onProgress?: (system: SystemName, done: number, total: number) => void;
  readonly onWarning?: (message: string) => void;
}

export const DEFAULT_SYSTEMS: readonly SystemName[] = ['lexical', 'dense', 'hybrid', 'hybrid+rerank'];

/** Default question set of a project. */
export function questionsPath(config: Pick<AtomkitConfig, 'root'>): string {
  return path.join(config.root, 'eval', 'questions.yaml');
}

export interface EvalInputs {
  /** The set, with the gold atoms of `sources` questions resolved. */
  readonly set: QuestionSet;
  readonly atoms: Atom[];
  /** The configuration the set is measured in: the project's, or its corpus workspace's. */
  readonly config: AtomkitConfig;
}

/**
 * Loads the question set and the atoms it is about (importing and indexing its corpus first when
 * it names one), and refuses a set whose gold ids, source pages or texts are wrong.
 */
export async function loadEvalInputs(config: AtomkitConfig, questionsFile = questionsPath(config), onWarning?: (message: string) => void): Promise<EvalInputs> {
  const loaded = loadQuestionSet(questionsFile);
  const target = loaded.corpus ? await prepareCorpus(config, loaded.file, loaded.corpus, onWarning) : config;
  const atoms = loadAtoms({ root: target.atoms.dirAbs, projectRoot: linkRoot(target.atoms.dirAbs, target.root), base: target.site.base, locales: target.atoms.locales, maxFileBytes: target.lint.maxFileBytes });
  const resolved = loaded.corpus ? resolveSources(loaded.questions, atoms, path.basename(loaded.corpus)) : { questions: [...loaded.questions], problems: [] };
  const set = { ...loaded, questions: resolved.questions };
  throwProblems(set, [...resolved.problems, ...checkQuestions(set.questions, atoms)]);
  return { set, atoms, config: target };
}

function throwProblems(set: QuestionSet, [problem, ...more]: readonly QuestionProblem[]): void {
  if (!problem) return;
  throw new QuestionSetError(`Question \`${problem.questionId}\`: ${problem.message}${more.length > 0 ? ` (and ${more.length} more problems)` : ''}`, set.file, { line: problem.line, column: 1 });
}

export async function runRetrievalEval(options: RetrievalEvalOptions): Promise<RetrievalReport> {
  const { set, atoms, config } = options.inputs ?? (await loadEvalInputs(options.config, options.questionsFile, options.onWarning));
  const wanted = new Set(options.systems ?? DEFAULT_SYSTEMS);
  const retriever = options.retriever ?? (await openRetriever(config, options.onWarning ? { onWarning: options.onWarning } : {}));
  const rankers: (Ranker | Unavailable)[] = [];
  const minScore = config.bot.minScore;
  const notRequested = (name: SystemName, how: string): Unavailable => ({ name, unavailable: `not requested (${how})` });
  try {
    rankers.push(wanted.has('lexical') ? retrieverRanker(retriever, 'lexical', { minScore }) : notRequested('lexical', '--systems'));
    if (!wanted.has('dense')) rankers.push(notRequested('dense', '--systems'));
    else if (retriever.dense) rankers.push(retrieverRanker(retriever, 'dense', { minScore }));
    else rankers.push({ name: 'dense', unavailable: denseUnavailable(retriever) });
    rankers.push(wanted.has('hybrid') ? retrieverRanker(retriever, 'hybrid', { minScore }) : notRequested('hybrid', '--systems'));
    if (!wanted.has('hybrid+rerank')) rankers.push(notRequested('hybrid+rerank', '--systems'));
    else rankers.push(await rerankerRanker(retriever, config, options.reranker));
    if (wanted.has('pagefind')) rankers.push(await pagefindRanker(options.siteDist, config, atoms));
    else rankers.push(notRequested('pagefind', '--pagefind'));
    const systems = await evaluateRankers(rankers, {
      // A question the atoms do not answer has no rank; refusing it is measured with the answers.
      questions: set.questions.filter((q) => !q.unanswerable),
      atomTypes: new Map(atoms.filter((a) => a.header).map((a) => [a.id, a.header?.type ?? 'unknown'])),
      ...(options.onProgress ? { onQuestion: options.onProgress } : {}),
    });
    const { manifest } = retriever;
    return {
      generatedAt: new Date().toISOString(),
      questionSet: path.relative(options.config.root, set.file).split(path.sep).join('/'),
      questions: set.questions.length,
      atoms: atoms.length,
      index: { provider: manifest.provider, model: manifest.model, dense: retriever.dense, atomsRevision: manifest.atomsRevision, contentHash: manifest.contentHash },
      systems,
    };
  } finally {
    for (const ranker of rankers) if ('close' in ranker) await ranker.close?.();
    if (!options.retriever) retriever.close();
  }
}

async function pagefindRanker(siteDist: string | undefined, config: AtomkitConfig, atoms: readonly Atom[]): Promise<Ranker | Unavailable> {
  const { openPagefindRanker, pagefindUnavailable } = await import('./pagefind.js');
  if (!siteDist) return { name: 'pagefind', unavailable: 'no built site given' };
  const reason = pagefindUnavailable(siteDist);
  if (reason) return { name: 'pagefind', unavailable: reason };
  try {
    return await openPagefindRanker({ distDir: siteDist, base: config.site.base, atomIds: atoms.map((a) => a.id) });
  } catch (error) {
    if (error instanceof OptionalDependencyUnavailable) return { name: 'pagefind', unavailable: error.message };
    throw error;
  }
}

function denseUnavailable(retriever: Retriever): string {
  const { manifest } = retriever;
  if (!manifest.dense) return `no embedding model: the index was built lexical-only (embedder \`${manifest.provider}\`, dense: false)`;
  return `no embedding model: the query model \`${manifest.model}\` cannot be loaded`;
}

async function rerankerRanker(retriever: Retriever, config: AtomkitConfig, model: string | undefined): Promise<Ranker | Unavailable> {
  if (!model) return { name: 'hybrid+rerank', unavailable: 'no reranker model given (--reranker <model>, e.g. Xenova/ms-marco-MiniLM-L-6-v2)' };
  const { loadCrossEncoder, rerankRanker, RerankerUnavailableError } = await import('./rerank.js');
  try {
    return rerankRanker(retriever, await loadCrossEncoder(config, model), { minScore: config.bot.minScore });
  } catch (error) {
    if (error instanceof RerankerUnavailableError) return { name: 'hybrid+rerank', unavailable: error.message };
    throw error;
  }
}
