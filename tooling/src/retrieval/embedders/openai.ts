/**
 * The `openai` embedder: any OpenAI-compatible `/embeddings` endpoint through the `openai`
 * client, in batches of `index.embedder.batchSize`. The client retries failed requests (429,
 * 5xx, connection errors) with exponential backoff and honours `Retry-After`.
 */
import { loadOpenAI } from '../../package/openai.js';
import type { AtomkitConfig } from '../../config/load.js';
import { OptionalDependencyUnavailable } from '../../package/optional.js';
import { estimateTokens } from '../chunk.js';
import { EmbedderUnavailableError, normalize, type Embedder } from './embedder.js';

export interface OpenAiEmbedderOptions {
  /** Where the API key is read from (`index.embedder.apiKeyEnv` names the variable). */
  readonly env: NodeJS.ProcessEnv;
  /** @default 4 */
  readonly maxRetries?: number;
  /** Per request, in milliseconds. @default 60000 */
  readonly timeoutMs?: number;
}

export async function loadOpenAiEmbedder(config: AtomkitConfig, options: OpenAiEmbedderOptions): Promise<Embedder> {
  const settings = config.index.embedder;
  let OpenAI;
  try {
    ({ OpenAI } = await loadOpenAI('The openai embedder (index.embedder.provider: openai)'));
  } catch (error) {
    throw error instanceof OptionalDependencyUnavailable ? new EmbedderUnavailableError(error.message) : error;
  }
  const apiKey = options.env[settings.apiKeyEnv];
  if (!settings.baseUrl && !apiKey) {
    throw new EmbedderUnavailableError(
      `the openai embedder needs an API key in $${settings.apiKeyEnv} (or a local endpoint in index.embedder.baseUrl / ATOMKIT_EMBEDDINGS_BASE_URL).`,
    );
  }
  const client = new OpenAI({
    apiKey: apiKey ?? 'unused',
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    maxRetries: options.maxRetries ?? 4,
    timeout: options.timeoutMs ?? 60_000,
  });
  const request = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const response = await client.embeddings.create({ model: settings.model, input: [...texts], encoding_format: 'float' });
    const vectors = new Array<Float32Array>(texts.length);
    for (const item of response.data) vectors[item.index] = normalize(Float32Array.from(item.embedding));
    if (vectors.some((v) => v === undefined)) throw new Error(`The endpoint returned ${response.data.length} embeddings for ${texts.length} inputs.`);
    return vectors;
  };
  let dims: number;
  try {
    dims = (await request(['atomkit']))[0]!.length;
  } catch (error) {
    throw new EmbedderUnavailableError(
      `could not reach the embeddings endpoint ${settings.baseUrl ?? 'api.openai.com'} with model ${settings.model}: ${String((error as Error)?.message ?? error).split('\n')[0]}. ` +
        'Check index.embedder.baseUrl, the model name and the API key, or set index.embedder.provider to local.',
    );
  }
  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += settings.batchSize) out.push(...(await request(texts.slice(i, i + settings.batchSize))));
    return out;
  };
  return {
    provider: 'openai',
    model: settings.model,
    key: `openai:${settings.baseUrl ?? 'default'}:${settings.model}`,
    dims,
    maxTokens: 8191,
    countTokens: estimateTokens,
    embed,
    dispose: async () => {},
  };
}
