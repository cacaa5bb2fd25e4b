/**
 * A replica's index, rolled without dropping a request: when `atomkit index` swaps a new build
 * into the index folder (or the process is told to with SIGHUP), the new index is loaded and
 * verified beside the old one, then becomes the one new searches use in a single assignment.
 * Searches already running finish on the old index, which is closed after the last of them.
 * A build that cannot be loaded (incomplete, damaged, another model) is reported and the old index
 * keeps answering. Answer cache keys carry the index content hash, so a new index never serves an
 * old cached answer.
 */
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import path from 'node:path';
import type { AnalyzedTerm, Retriever, SearchHit, SearchOptions } from '../../tooling/src/retrieval/api.js';
import { FILES } from '../../tooling/src/retrieval/artifact.js';

export interface RollingRetriever extends Retriever {
  /** Loads the index folder again; resolves with whether a new index is now in use. */
  reload(): Promise<boolean>;
}

export interface RollOptions {
  /** Loads (and verifies) whatever the index folder holds now. */
  readonly open: () => Promise<Retriever>;
  /** The index folder, watched for a new manifest; undefined: reload only when asked. */
  readonly dir?: string | undefined;
  /** How often the manifest is looked at (one `stat`). @default 1000 */
  readonly pollMs?: number;
  /** One line per roll or refused build. */
  readonly log?: (line: string) => void;
}

interface Generation {
  readonly retriever: Retriever;
  running: number;
  retired: boolean;
}

/** Opens the index and keeps it current; `close()` stops watching and closes it. */
export async function openRollingRetriever(options: RollOptions): Promise<RollingRetriever> {
  const log = options.log ?? (() => {});
  let current: Generation = { retriever: await options.open(), running: 0, retired: false };
  let reloading: Promise<boolean> | undefined;
  let closed = false;

  const release = (generation: Generation) => {
    if (generation.retired && generation.running === 0) generation.retriever.close();
  };

  const reload = async (): Promise<boolean> => {
    let next: Retriever;
    try {
      next = await options.open();
    } catch (error) {
      log(`the index folder holds an index that cannot be loaded; still answering from ${current.retriever.manifest.contentHash.slice(0, 12)}: ${(error as Error).message}`);
      return false;
    }
    if (closed) {
      next.close();
      return false;
    }
    const previous = current;
    if (next.manifest.contentHash === previous.retriever.manifest.contentHash && next.manifest.builtAt === previous.retriever.manifest.builtAt) {
      next.close();
      return false;
    }
    current = { retriever: next, running: 0, retired: false };
    previous.retired = true;
    release(previous);
    log(`index rolled to ${next.manifest.contentHash.slice(0, 12)} (built ${next.manifest.builtAt})`);
    return true;
  };
  const reloadOnce = () => (reloading ??= reload().finally(() => (reloading = undefined)));

  const manifestFile = options.dir ? path.join(options.dir, FILES.manifest) : undefined;
  // Polled by path, not watched by inode: a build renames a whole new folder into place.
  const onChange = (now: Stats, before: Stats) => {
    if (now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) void reloadOnce();
  };
  if (manifestFile) watchFile(manifestFile, { interval: options.pollMs ?? 1000, persistent: false }, onChange);

  const searchEach = async (query: string, each: readonly SearchOptions[]): Promise<SearchHit[][]> => {
    const generation = current;
    generation.running++;
    try {
      return await generation.retriever.searchEach(query, each);
    } finally {
      generation.running--;
      release(generation);
    }
  };
  return {
    get manifest() {
      return current.retriever.manifest;
    },
    get dense() {
      return current.retriever.dense;
    },
    async search(query: string, searchOptions?: SearchOptions): Promise<SearchHit[]> {
      return (await searchEach(query, [searchOptions ?? {}]))[0]!;
    },
    searchEach,
    languages() {
      return current.retriever.languages();
    },
    unitsOf(atomId: string): SearchHit[] {
      return current.retriever.unitsOf(atomId);
    },
    analyze(query: string): AnalyzedTerm[] {
      return current.retriever.analyze(query);
    },
    problem() {
      const problem = current.retriever.problem();
      // The files changed under the loaded index: most likely a new build was just swapped in.
      if (problem) void reloadOnce();
      return problem;
    },
    reload: reloadOnce,
    close() {
      closed = true;
      if (manifestFile) unwatchFile(manifestFile, onChange);
      current.retired = true;
      release(current);
    },
  };
}
