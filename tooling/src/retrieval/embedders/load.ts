/** Picks the embedder the configuration asks for. */
import type { AtomkitConfig } from '../../config/load.js';
import type { Embedder } from './embedder.js';

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
  switch (config.index.embedder.provider) {
    case 'none':
      return undefined;
    case 'openai':
      return (await import('./openai.js')).loadOpenAiEmbedder(config, { env: options.env });
    default:
      return (await import('./local.js')).loadLocalEmbedder(config, options.forQueries ? { threads: 1 } : {});
  }
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
