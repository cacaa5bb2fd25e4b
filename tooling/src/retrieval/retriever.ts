/** Loads an index artifact and answers queries (implementation in progress). */
import type { AtomkitConfig } from '../config/load.js';
import { IndexLoadError, type OpenRetrieverOptions, type Retriever } from './api.js';

export async function loadRetriever(config: AtomkitConfig, _options: OpenRetrieverOptions): Promise<Retriever> {
  throw new IndexLoadError('ATOMKIT_ERR_INDEX_MISSING', `No search index at ${config.index.dir}.`, 'Run `atomkit index` to build it.');
}
