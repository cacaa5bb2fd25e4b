/**
 * The `local` embedder: transformers.js feature extraction (mean pooling, normalized) from a local
 * model folder (`index.embedder.modelDir`, env ATOMKIT_MODEL_DIR), else from the download cache,
 * else downloaded once from the model hub when remote loading is allowed.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { AtomkitConfig } from '../../config/load.js';
import { importOptional, OptionalDependencyUnavailable } from '../../package/optional.js';
import { EmbedderUnavailableError, type Embedder } from './embedder.js';

type FeatureExtractor = {
  (texts: string[], options: { pooling: 'mean'; normalize: boolean }): Promise<{ data: Float32Array; dims: number[] }>;
  tokenizer: { encode(text: string): number[]; model_max_length?: number };
  dispose(): Promise<void>;
};

export interface LocalEmbedderOptions {
  /**
   * ONNX Runtime threads. One for query embedding: idle worker threads spin after each run and
   * take CPU from the rest of the search. @default 0 (ONNX Runtime picks, for build throughput)
   */
  readonly threads?: number;
}

export async function loadLocalEmbedder(config: AtomkitConfig, options: LocalEmbedderOptions = {}): Promise<Embedder> {
  const settings = config.index.embedder;
  const modelDir = settings.modelDir ? path.resolve(config.root, settings.modelDir) : undefined;
  const dtype = settings.quantized ? 'q8' : 'fp32';
  const { env, pipeline, LogLevel } = await transformers('Dense retrieval with a local embedding model');
  // Local files stay allowed even without a model folder: with remote loading off, the library
  // would otherwise refuse before looking in its download cache.
  const localRoot = modelDir ?? path.resolve(config.root, settings.cacheDir);
  env.allowLocalModels = true;
  env.localModelPath = localRoot.endsWith(path.sep) ? localRoot : `${localRoot}${path.sep}`;
  env.allowRemoteModels = settings.allowRemote;
  env.cacheDir = path.resolve(config.root, settings.cacheDir);
  // One warning of ours says what failed; the library's per-file warnings would repeat it.
  env.logLevel = LogLevel.ERROR;

  let extractor: FeatureExtractor;
  try {
    const threads = options.threads ? { session_options: { intraOpNumThreads: options.threads, interOpNumThreads: 1 } } : {};
    extractor = (await pipeline('feature-extraction', settings.model, { dtype, ...threads })) as unknown as FeatureExtractor;
  } catch (error) {
    throw new EmbedderUnavailableError(unavailable(settings.model, dtype, modelDir, settings.allowRemote, env.cacheDir, error));
  }
  const maxTokens = Math.min(extractor.tokenizer.model_max_length ?? 512, 8192);
  const run = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const output = await extractor([...texts], { pooling: 'mean', normalize: true });
    const dims = output.dims.at(-1)!;
    return texts.map((_, i) => output.data.slice(i * dims, (i + 1) * dims));
  };
  const [probe] = await run(['atomkit']);
  return {
    provider: 'local',
    model: settings.model,
    key: `local:${settings.model}:${dtype}`,
    dims: probe!.length,
    maxTokens,
    countTokens: (text) => extractor.tokenizer.encode(text).length,
    embed: run,
    dispose: () => extractor.dispose(),
  };
}

function unavailable(model: string, dtype: string, modelDir: string | undefined, remote: boolean, cacheDir: string | null, error: unknown): string {
  const local = modelDir
    ? `local folder ${path.join(modelDir, model)}${existsSync(path.join(modelDir, model)) ? '' : ' (does not exist)'}`
    : 'no local folder (index.embedder.modelDir / ATOMKIT_MODEL_DIR not set)';
  const reason = String((error as Error)?.message ?? error).split('\n')[0]!.replace(/[.\s]+$/, '');
  return (
    `could not load embedding model ${model} (${dtype}): tried ${local}, the download cache ${cacheDir ?? '(none)'}, ` +
    `remote download ${remote ? 'on' : 'off'}; ${reason}. ` +
    `To enable dense retrieval, put the model (config.json, tokenizer.json, onnx/model${dtype === 'q8' ? '_quantized' : ''}.onnx) ` +
    `under <dir>/${model} and set ATOMKIT_MODEL_DIR=<dir>, or run once with network access and remote download on (ATOMKIT_ALLOW_REMOTE_MODELS=1).`
  );
}

/** transformers.js, an optional dependency: without it the index is lexical. */
export async function transformers(purpose: string): Promise<typeof import('@huggingface/transformers')> {
  try {
    return await importOptional<typeof import('@huggingface/transformers')>('@huggingface/transformers', purpose);
  } catch (error) {
    throw error instanceof OptionalDependencyUnavailable ? new EmbedderUnavailableError(error.message) : error;
  }
}
