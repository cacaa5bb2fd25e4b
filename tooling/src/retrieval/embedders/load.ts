/** Picks the embedder the configuration asks for. */
import type { AtomkitConfig } from '../../config/load.js';
import { OptionalDependencyUnavailable } from '../../package/optional.js';
import { loadHnswlib } from '../dense.js';
import { EmbedderUnavailableError, type Embedder } from './embedder.js';

export interface LoadEmbedderOptions {
  /** For the API key of the openai provider. */
  readonly env: NodeJS.ProcessEnv;
  /** Embedding one query at a time (search) rather than batches (build). */
  readonly forQueries?: boolean;
}

/**
 * The configured embedder, or undefined when the provider is `none`. Throws
 * EmbedderUnavailableError (with what was tried) when the model cannot be loaded.
 */
export async function loadEmbedder(config: AtomkitConfig, options: LoadEmbedderOptions): Promise<Embedder | undefined> {
  if (config.index.embedder.provider === 'none') return undefined;
  // Vectors are only useful with the index that holds them.
  try {
    await loadHnswlib();
  } catch (error) {
    throw error instanceof OptionalDependencyUnavailable ? new EmbedderUnavailableError(error.message) : error;
  }
  let embedder: Embedder;
  switch (config.index.embedder.provider) {
    case 'openai':
      embedder = await (await import('./openai.js')).loadOpenAiEmbedder(config, { env: options.env });
      break;
    default:
      embedder = await (await import('./local.js')).loadLocalEmbedder(config, options.forQueries ? { threads: 1 } : {});
  }
  const { queryPrefix, documentPrefix } = config.index.embedder;
  return queryPrefix === '' && documentPrefix === '' ? embedder : withPrefixes(embedder, options.forQueries ? queryPrefix : documentPrefix, { queryPrefix, documentPrefix });
}

/**
 * An embedder that puts `prefix` before every text (E5 and similar models are trained on
 * `query: ` / `passage: `). Its key names both prefixes, so an index and its query embedder only
 * match when they were configured alike, and cached vectors of other prefixes are not reused.
 */
export function withPrefixes(embedder: Embedder, prefix: string, prefixes: { queryPrefix: string; documentPrefix: string }): Embedder {
  return {
    provider: embedder.provider,
    model: embedder.model,
    key: `${embedder.key}|query=${JSON.stringify(prefixes.queryPrefix)}|document=${JSON.stringify(prefixes.documentPrefix)}`,
    dims: embedder.dims,
    maxTokens: embedder.maxTokens,
    countTokens: (text) => embedder.countTokens(prefix + text),
    embed: (texts) => embedder.embed(texts.map((text) => prefix + text)),
    dispose: () => embedder.dispose(),
  };
}

/** What the configuration says the vectors are: compared with an index manifest on load. */
export function configuredModel(config: AtomkitConfig): { provider: string; model: string; dtype: string } {
  const settings = config.index.embedder;
  return {
    provider: settings.provider,
    model: settings.model,
    dtype: settings.provider === 'local' ? (settings.quantized ? 'q8' : 'fp32') : 'float',
  };
}
