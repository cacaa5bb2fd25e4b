/**
 * The hybrid+rerank system: hybrid search's best units re-scored by a cross-encoder
 * (a transformers.js sequence-classification model that reads query and unit together, such as
 * `Xenova/ms-marco-MiniLM-L-6-v2`), loaded the way the embedding model is: from
 * `index.embedder.modelDir`, the download cache, or the hub when remote loading is allowed.
 */
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import type { Retriever, SearchHit } from '../retrieval/api.js';
import { transformers } from '../retrieval/embedders/local.js';
import { atomRanking, preferredHits, type Ranker } from './ranker.js';

export interface CrossEncoder {
  readonly model: string;
  /** One relevance score per passage, higher is better. */
  score(query: string, passages: readonly string[]): Promise<number[]>;
  dispose(): Promise<void>;
}

/** The reranker model could not be loaded; the message says what was tried. */
export class RerankerUnavailableError extends Error {
  override name = 'RerankerUnavailableError';
}

type Tokenizer = (texts: string[], options: { text_pair: string[]; padding: boolean; truncation: boolean; max_length?: number }) => Record<string, unknown>;
type Classifier = ((inputs: Record<string, unknown>) => Promise<{ logits: { data: Float32Array | number[]; dims: number[] } }>) & { dispose(): Promise<void> };

/** Pairs scored per model call. */
const BATCH = 16;
/** Passage tokens kept per pair (cross-encoders are trained on short passages). */
const MAX_PAIR_TOKENS = 512;

export async function loadCrossEncoder(config: AtomkitConfig, model: string): Promise<CrossEncoder> {
  const settings = config.index.embedder;
  const modelDir = settings.modelDir ? path.resolve(config.root, settings.modelDir) : undefined;
  const dtype = settings.quantized ? 'q8' : 'fp32';
  let library: typeof import('@huggingface/transformers');
  try {
    library = await transformers('Reranking with a cross-encoder');
  } catch (error) {
    throw new RerankerUnavailableError((error as Error).message);
  }
  const { env, AutoTokenizer, AutoModelForSequenceClassification } = library;
  env.allowLocalModels = modelDir !== undefined;
  if (modelDir) env.localModelPath = modelDir.endsWith(path.sep) ? modelDir : `${modelDir}${path.sep}`;
  env.allowRemoteModels = settings.allowRemote;
  env.cacheDir = path.resolve(config.root, settings.cacheDir);
  let tokenizer: Tokenizer;
  let classifier: Classifier;
  try {
    tokenizer = (await AutoTokenizer.from_pretrained(model)) as unknown as Tokenizer;
    classifier = (await AutoModelForSequenceClassification.from_pretrained(model, { dtype })) as unknown as Classifier;
  } catch (error) {
    const where = modelDir ? `the folder ${path.join(modelDir, model)}` : 'no local folder (index.embedder.modelDir)';
    throw new RerankerUnavailableError(
      `cannot load the reranker model ${model} (${dtype}): tried ${where}, the cache ${env.cacheDir}, remote download ${settings.allowRemote ? 'on' : 'off'}; ${String((error as Error)?.message ?? error).split('\n')[0]}`,
    );
  }
  return {
    model,
    async score(query, passages) {
      const scores: number[] = [];
      for (let i = 0; i < passages.length; i += BATCH) {
        const batch = passages.slice(i, i + BATCH);
        const inputs = tokenizer(batch.map(() => query), { text_pair: [...batch], padding: true, truncation: true, max_length: MAX_PAIR_TOKENS });
        const { logits } = await classifier(inputs);
        // One logit per pair (relevance), or two (not relevant, relevant): the last one is relevance.
        const width = logits.dims.at(-1) ?? 1;
        for (let row = 0; row < batch.length; row++) scores.push(Number(logits.data[row * width + width - 1]));
      }
      return scores;
    },
    dispose: () => classifier.dispose(),
  };
}

export interface RerankOptions {
  /** Hybrid units re-scored per question. @default 30 */
  readonly candidates?: number;
  /** Confidence the best hit in the question's language needs to be preferred (config `bot.minScore`). */
  readonly minScore: number;
}

/**
 * Hybrid search (preferring the question's language), then the first `candidates` units
 * re-ordered by the cross-encoder's score (ties keep the hybrid order), then distinct atoms.
 */
export function rerankRanker(retriever: Retriever, encoder: CrossEncoder, options: RerankOptions): Ranker {
  const candidates = options.candidates ?? 30;
  return {
    name: 'hybrid+rerank',
    async rank(query) {
      // Candidates in the preferred language come first; reranking does not undo that preference.
      const hits = (await preferredHits(retriever, query, { k: candidates, mode: 'hybrid', minScore: options.minScore })).slice(0, candidates);
      const scores = await encoder.score(query.text, hits.map(passage));
      const order = hits.map((hit, i) => ({ hit, i, score: scores[i] ?? Number.NEGATIVE_INFINITY }));
      order.sort((a, b) => b.score - a.score || a.i - b.i);
      return atomRanking(order.map((entry) => entry.hit));
    },
    close: () => encoder.dispose(),
  };
}

/** What the cross-encoder reads of a unit: where it is, then its text. */
function passage(hit: SearchHit): string {
  const where = [hit.title, hit.kind === 'faq' ? hit.question : hit.section].filter(Boolean).join(' — ');
  return `${where}\n${hit.kind === 'faq' && hit.answer ? hit.answer : hit.text}`;
}
