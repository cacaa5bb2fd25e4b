/** The one small interface every embedding provider implements. */

export interface Embedder {
  readonly provider: 'local' | 'openai';
  /** The configured model id. */
  readonly model: string;
  /** Identifies the vectors this embedder produces (provider, model, weights variant): the cache key. */
  readonly key: string;
  readonly dims: number;
  /** The longest input the model reads, in tokens. */
  readonly maxTokens: number;
  /** Tokens of a text as the model counts them (an estimate when the model's tokenizer is remote). */
  countTokens(text: string): number;
  /** Unit-length vectors, one per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** No embedder could be had; `message` says what was tried and how to provide a model. */
export class EmbedderUnavailableError extends Error {
  override name = 'EmbedderUnavailableError';
}

/** Scales a vector to unit length in place (providers that do not normalize). */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
