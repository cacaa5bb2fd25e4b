/**
 * `atomkit index`: atoms -> units -> embeddings (cached) -> hnswlib + MiniSearch + chunk store,
 * written to a temporary folder and swapped into place. A rebuild reuses the previous artifact:
 * only files whose content changed are re-read, re-chunked and re-embedded.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AtomkitConfig } from '../config/load.js';
import { findAtomFiles, readAtom } from '../atom/load.js';
import { linkRoot } from '../atom/outside-links.js';
import type { IndexCounts, IndexManifest } from './api.js';
import { FILES, FORMAT_VERSION, artifactFiles, currentIndexDir, digestFile, indexDir, lexicalFile, readManifest, removeStaleTemps, swapInto, tempDirFor, verifyFile } from './artifact.js';
import { EmbeddingCache } from './cache.js';
import { chunkAtom, estimateTokens, type Unit } from './chunk.js';
import { addVector, createDense, readDense, HNSW_PARAMETERS, type DenseIndex } from './dense.js';
import { EmbedderUnavailableError, type Embedder } from './embedders/embedder.js';
import { configuredModel, loadEmbedder } from './embedders/load.js';
import { FIELD_BOOST, createLexicalForBuild, fieldTerms, loadLexicalForBuild, shardCount, shardOf, termsDoc } from './lexical.js';
import { renderReportMarkdown, type BuildReport } from './report.js';
import { UnitStore, type FileStamp, type StoredUnit } from './store.js';

/** Raised by the chunker's shape changes, so old artifacts are re-chunked. */
const CHUNKER_VERSION = 2;
/** Above this share of removed units the vector and lexical indexes are rebuilt from scratch. */
const MAX_DIRT = 0.25;

export type BuildPhase = 'scan' | 'chunk' | 'embed' | 'write';

export interface BuildOptions {
  /** Fail when no embedding model can be loaded instead of building the lexical index only. */
  readonly requireDense?: boolean;
  /** Ignore the previous artifact (embeddings still come from the cache). */
  readonly full?: boolean;
  /** For the openai provider's API key. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly onProgress?: (phase: BuildPhase, done: number, total: number) => void;
  /** Receives the one warning printed when dense retrieval is off, and cache rebuild notices. */
  readonly onWarning?: (message: string) => void;
}

export interface BuildResult {
  readonly dir: string;
  readonly manifest: IndexManifest;
  readonly report: BuildReport;
}

export type IndexBuildErrorCode = 'ATOMKIT_ERR_DENSE_UNAVAILABLE' | 'ATOMKIT_ERR_NO_ATOMS';

/** A build that cannot go on; the CLI prints the message and exits 2. */
export class IndexBuildError extends Error {
  override name = 'IndexBuildError';
  constructor(
    readonly code: IndexBuildErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface NewUnit {
  readonly label: number;
  readonly unit: Unit;
}

export async function buildIndex(config: AtomkitConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const settings = config.index;
  const atomsDir = config.atoms.dirAbs;
  if (!existsSync(atomsDir) || !statSync(atomsDir).isDirectory()) {
    throw new IndexBuildError('ATOMKIT_ERR_NO_ATOMS', `There is no atoms folder at ${atomsDir} (config atoms.dir); nothing to index.`);
  }
  const dir = indexDir(config);
  mkdirSync(path.dirname(dir), { recursive: true });
  removeStaleTemps(dir);

  const { embedder, offReason } = await openEmbedder(config, options, warn);
  const model = configuredModel(config);
  const maxUnitTokens = Math.min(settings.maxUnitTokens, embedder?.maxTokens ?? Number.POSITIVE_INFINITY);
  const countTokens = embedder ? (text: string) => embedder.countTokens(text) : estimateTokens;
  const chunking = {
    chunker: CHUNKER_VERSION,
    maxUnitTokens,
    tokenCounter: embedder ? `${embedder.key}` : 'estimate',
    includeDrafts: settings.includeDrafts,
    base: config.site.base,
    locales: [...config.atoms.locales],
    defaultLanguage: config.atoms.defaultLanguage,
  };

  const previousDir = options.full ? undefined : currentIndexDir(dir);
  const previous = previousDir ? usablePrevious(previousDir, chunking, embedder, warn) : undefined;
  const tmp = tempDirFor(dir);
  mkdirSync(tmp);
  let cache: EmbeddingCache | undefined;
  let store: UnitStore | undefined;
  try {
    const storeFile = path.join(tmp, FILES.units);
    if (previous) copyFileSync(path.join(previous.dir, FILES.units), storeFile);
    store = previous ? UnitStore.open(storeFile) : UnitStore.create(storeFile);

    // Scan: which files changed since the previous build?
    const files = findAtomFiles(atomsDir, linkRoot(atomsDir, config.root)).map((file) => ({ file, rel: path.relative(atomsDir, file).split(path.sep).join('/') }));
    const known = store.files();
    const seen = new Set<string>();
    const changed: { file: string; rel: string; stamp: FileStamp }[] = [];
    files.forEach(({ file, rel }, i) => {
      seen.add(rel);
      const stamp = fileStamp(file, known.get(rel));
      if (known.get(rel)?.hash !== stamp.hash) changed.push({ file, rel, stamp });
      if (i % 500 === 0) progress('scan', i, files.length);
    });
    progress('scan', files.length, files.length);
    const removedFiles = [...known.keys()].filter((rel) => !seen.has(rel));

    // Chunk the changed files; drop what they and removed files had.
    const s = store;
    const dfDelta = new Map<string, number>();
    const countTerms = (terms: Iterable<string>, by: number) => {
      for (const term of terms) dfDelta.set(term, (dfDelta.get(term) ?? 0) + by);
    };
    const removed: number[] = [];
    const removedUnits: { label: number; file: string }[] = [];
    const added: NewUnit[] = [];
    /** Each new unit's terms by field, read once for the store and the lexical index both. */
    const tokenized = new Map<number, string[][]>();
    const doc = (label: number, unit: StoredUnit) => termsDoc(label, tokenized.get(label) ?? fieldTerms(unit));
    s.transaction(() => {
      for (const rel of [...removedFiles, ...changed.filter((c) => known.has(c.rel)).map((c) => c.rel)]) {
        for (const { label, terms } of s.removeFile(rel)) {
          removed.push(label);
          removedUnits.push({ label, file: rel });
          countTerms(terms, -1);
        }
      }
      let label = s.nextLabel();
      changed.forEach(({ file, rel, stamp }, i) => {
        const atom = readAtom(file, { root: atomsDir, projectRoot: linkRoot(atomsDir, config.root), base: config.site.base, locales: config.atoms.locales, maxFileBytes: config.lint.maxFileBytes });
        // An unreadable file says why (file/encoding, file/too-large, ...); any other header problem is lint's to explain.
        let skipped: string | undefined = !atom.header
          ? (atom.problems.find((problem) => problem.code.startsWith('file/'))?.code ?? 'invalid-header')
          : atom.header.status === 'draft' && !settings.includeDrafts
            ? 'draft'
            : undefined;
        const units = skipped ? [] : chunkAtom(atom, { maxTokens: maxUnitTokens, countTokens, defaultLanguage: config.atoms.defaultLanguage });
        if (units.some((unit) => s.hasUnit(unit.id))) skipped = 'duplicate-id';
        s.addFile(rel, stamp, atom.id, skipped);
        if (!skipped) {
          for (const unit of units) {
            const fields = fieldTerms(unit);
            const terms = new Set(fields.flat());
            tokenized.set(label, fields);
            s.addUnit(label, unit, terms);
            added.push({ label, unit });
            countTerms(terms, 1);
            label++;
          }
        }
        if (i % 50 === 0) progress('chunk', i, changed.length);
      });
      s.setNextLabel(label);
      progress('chunk', changed.length, changed.length);
      s.adjustTerms(dfDelta);
    });
    const totals = store.counts();

    // Embed: every unit the vector index needs that the cache does not have.
    let vectors = new Map<number, Float32Array>();
    let cached = 0;
    let embedded = 0;
    let dense: DenseIndex | undefined;
    let deletedVectors = 0;
    if (embedder) {
      const opened = EmbeddingCache.open(path.resolve(config.root, settings.cache));
      cache = opened.cache;
      if (opened.rebuilt) warn(`warning: the embedding cache ${settings.cache} was not usable (${opened.rebuilt}); starting a new one.`);
      const addedText = new Map(added.map(({ label, unit }) => [label, unit.embedText]));
      const incrementalDense = previous?.manifest.dense === true && previous.manifest.deletedVectors + removed.length <= MAX_DIRT * Math.max(1, totals.units);
      const wanted: { label: number; embedHash: string; embedText: string | undefined }[] = incrementalDense
        ? added.map(({ label, unit }) => ({ label, embedHash: unit.embedHash, embedText: unit.embedText }))
        : [...store.all()].map(({ label, unit }) => ({ label, embedHash: unit.embedHash, embedText: addedText.get(label) }));
      ({ vectors, cached, embedded } = await embedAll(embedder, cache, wanted, store, progress));
      if (incrementalDense) {
        dense = readDense(path.join(previous!.dir, FILES.dense), embedder.dims);
        for (const label of removed) dense.markDelete(label);
        const slots = { count: previous!.manifest.deletedVectors + removed.length };
        for (const { label } of added) addVector(dense, label, vectors.get(label)!, slots);
        deletedVectors = slots.count;
      } else {
        dense = createDense(embedder.dims, totals.units);
        const slots = { count: 0 };
        for (const [label, vector] of vectors) addVector(dense, label, vector, slots);
      }
      progress('write', 0, 3);
      dense.writeIndexSync(path.join(tmp, FILES.dense));
    }

    // Lexical index, in shards by atom file: shards no file of which changed are linked from the
    // previous build; a touched shard is patched, or rebuilt from the store when much was removed.
    const shards = previous?.lexicalShards ?? shardCount(totals.units);
    const unitsPerShard = new Array<number>(shards).fill(0);
    for (const [file, n] of store.unitsPerFile()) unitsPerShard[shardOf(file, shards)]! += n;
    const removedPerShard = new Array<number>(shards).fill(0);
    const touched = new Set<number>();
    for (const rel of [...removedFiles, ...changed.map((c) => c.rel)]) touched.add(shardOf(rel, shards));
    for (const { file } of removedUnits) removedPerShard[shardOf(file, shards)]!++;
    const dirt = new Array<number>(shards).fill(0);
    const rebuild = new Set<number>();
    for (let shard = 0; shard < shards; shard++) {
      const previousDirt = previous?.lexicalDirt[shard] ?? 0;
      if (previous && !touched.has(shard)) {
        linkOrCopy(path.join(previous.dir, lexicalFile(shard)), path.join(tmp, lexicalFile(shard)));
        dirt[shard] = previousDirt;
      } else if (previous && previousDirt + removedPerShard[shard]! <= MAX_DIRT * Math.max(1, unitsPerShard[shard]!)) {
        const lexical = loadLexicalForBuild(readFileSync(path.join(previous.dir, lexicalFile(shard)), 'utf8'));
        for (const { label, file } of removedUnits) if (shardOf(file, shards) === shard) lexical.discard(label);
        lexical.addAll(added.filter(({ unit }) => shardOf(unit.file, shards) === shard).map(({ label, unit }) => doc(label, unit)));
        writeFileSync(path.join(tmp, lexicalFile(shard)), JSON.stringify(lexical));
        dirt[shard] = lexical.dirtCount;
      } else rebuild.add(shard);
    }
    if (rebuild.size > 0) {
      const fresh = new Map([...rebuild].map((shard) => [shard, createLexicalForBuild()]));
      for (const { label, unit } of store.all()) fresh.get(shardOf(unit.file, shards))?.add(doc(label, unit));
      for (const [shard, lexical] of fresh) writeFileSync(path.join(tmp, lexicalFile(shard)), JSON.stringify(lexical));
    }
    progress('write', 1, 3);

    const counts: IndexCounts = { ...totals, cached, embedded };
    const manifest: IndexManifest = {
      formatVersion: FORMAT_VERSION,
      provider: model.provider,
      model: model.model,
      dense: dense !== undefined,
      dims: embedder?.dims ?? 0,
      counts,
      atomsRevision: gitRevision(atomsDir),
      contentHash: store.contentHash(),
      builtAt: new Date().toISOString(),
      parameters: {
        chunking,
        dtype: model.dtype,
        embedderKey: embedder?.key ?? null,
        hnsw: dense ? HNSW_PARAMETERS : null,
        lexical: { engine: 'minisearch', boost: FIELD_BOOST, shards, dirt },
      },
      deletedVectors,
      denseBaseline: dense ? baseline(dense, store) : null,
      files: {},
    };
    const skipped = store.skippedFiles();
    store.close();
    store = undefined;
    progress('write', 2, 3);
    // Hashed once every file is written and closed: what a load must find, byte for byte.
    for (const name of artifactFiles(manifest)) manifest.files[name] = digestFile(path.join(tmp, name));
    writeFileSync(path.join(tmp, FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    const report: BuildReport = {
      atoms: counts.atoms,
      units: counts.units,
      faqUnits: counts.faqUnits,
      splitUnits: counts.splitUnits,
      skipped: skipped.map((s) => ({ file: s.path, reason: s.reason })),
      cached,
      embedded,
      mode: previous ? 'incremental' : 'full',
      changedFiles: changed.length,
      removedFiles: removedFiles.length,
      dense: manifest.dense,
      denseWarning: offReason,
      model: manifest.model,
      maxUnitTokens,
      seconds: 0,
      indexBytes: 0,
      builtAt: manifest.builtAt,
    };
    report.indexBytes = folderBytes(tmp);
    report.seconds = Math.round(performance.now() - started) / 1000;
    writeFileSync(path.join(tmp, FILES.reportJson), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(tmp, FILES.reportMd), renderReportMarkdown(report));
    progress('write', 3, 3);
    swapInto(tmp, dir);
    return { dir, manifest, report };
  } catch (error) {
    store?.close();
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    cache?.close();
    await embedder?.dispose();
  }
}

async function openEmbedder(
  config: AtomkitConfig,
  options: BuildOptions,
  warn: (message: string) => void,
): Promise<{ embedder: Embedder | undefined; offReason: string | undefined }> {
  if (config.index.embedder.provider === 'none') {
    if (options.requireDense) {
      throw new IndexBuildError('ATOMKIT_ERR_DENSE_UNAVAILABLE', 'Dense retrieval was required (--require-dense) but index.embedder.provider is `none`.');
    }
    return { embedder: undefined, offReason: 'index.embedder.provider is none' };
  }
  try {
    return { embedder: await loadEmbedder(config, { env: options.env ?? process.env }), offReason: undefined };
  } catch (error) {
    if (!(error instanceof EmbedderUnavailableError)) throw error;
    if (options.requireDense) {
      throw new IndexBuildError('ATOMKIT_ERR_DENSE_UNAVAILABLE', `Dense retrieval was required (--require-dense) but is unavailable: ${error.message}`);
    }
    warn(`warning: building the lexical index only: ${error.message}`);
    return { embedder: undefined, offReason: error.message };
  }
}

/** The previous artifact, when it was built with the same chunking and vectors. */
function usablePrevious(dir: string, chunking: object, embedder: Embedder | undefined, warn: (message: string) => void) {
  const read = readManifest(dir);
  if (!('manifest' in read)) return undefined;
  const manifest = read.manifest;
  const parameters = manifest.parameters as { chunking?: unknown; embedderKey?: unknown; lexical?: { shards?: number; dirt?: number[] } };
  const shards = parameters.lexical?.shards;
  if (!Number.isInteger(shards) || shards! < 1) return undefined;
  if (JSON.stringify(parameters.chunking) !== JSON.stringify(chunking)) return undefined;
  if (manifest.dense !== (embedder !== undefined)) return undefined;
  if (embedder && (parameters.embedderKey !== embedder.key || manifest.dims !== embedder.dims)) return undefined;
  try {
    // The previous files are built on (the vector graph patched, lexical shards linked), so a
    // damaged one would be carried forward or crash hnswlib: rebuild everything rather than trust it.
    for (const name of artifactFiles(manifest)) verifyFile(dir, name, manifest);
    UnitStore.open(path.join(dir, FILES.units), { readonly: true }).close();
  } catch (error) {
    warn(`warning: the previous index at ${dir} is damaged (${(error as Error).message}); building it from scratch.`);
    return undefined;
  }
  return { dir, manifest, lexicalShards: shards!, lexicalDirt: parameters.lexical?.dirt ?? [] };
}

async function embedAll(
  embedder: Embedder,
  cache: EmbeddingCache,
  wanted: readonly { label: number; embedHash: string; embedText: string | undefined }[],
  store: UnitStore,
  progress: (phase: BuildPhase, done: number, total: number) => void,
): Promise<{ vectors: Map<number, Float32Array>; cached: number; embedded: number }> {
  const vectors = new Map<number, Float32Array>();
  const missing = new Map<string, { text: string; labels: number[] }>();
  let cached = 0;
  cache.batch(() => {
    for (const { label, embedHash, embedText } of wanted) {
      const hit = cache.get(embedder.key, embedHash, embedder.dims);
      if (hit) {
        vectors.set(label, hit);
        cached++;
        continue;
      }
      const entry = missing.get(embedHash);
      if (entry) entry.labels.push(label);
      else missing.set(embedHash, { text: embedText ?? reembedText(store, label), labels: [label] });
    }
  });
  const jobs = [...missing.entries()];
  const batchSize = embedder.provider === 'local' ? 16 : 256;
  progress('embed', 0, jobs.length);
  for (let i = 0; i < jobs.length; i += batchSize) {
    const batch = jobs.slice(i, i + batchSize);
    const out = await embedder.embed(batch.map(([, job]) => job.text));
    cache.putMany(
      embedder.key,
      batch.map(([hash], j) => ({ hash, vector: out[j]! })),
    );
    batch.forEach(([, job], j) => job.labels.forEach((label) => vectors.set(label, out[j]!)));
    progress('embed', Math.min(i + batchSize, jobs.length), jobs.length);
  }
  return { vectors, cached, embedded: wanted.length - cached };
}

/** The embedded text of a stored unit whose vector left the cache (rebuilt the way chunk.ts builds it). */
function reembedText(store: UnitStore, label: number): string {
  const unit = store.unit(label)!;
  const head = [unit.title, unit.summary, unit.kind === 'faq' ? unit.question : unit.section].filter(Boolean).join('\n');
  return `${head}\n\n${unit.text}`;
}

/** Mean and spread of the cosine similarity of random unit pairs (deterministic sample). */
function baseline(dense: DenseIndex, store: UnitStore): { mean: number; std: number } {
  const labels = store.meta().map((m) => m.label);
  if (labels.length < 2) return { mean: 0, std: 0 };
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const sims: number[] = [];
  for (let i = 0; i < Math.min(400, labels.length * 4); i++) {
    const a = labels[Math.floor(next() * labels.length)]!;
    const b = labels[Math.floor(next() * labels.length)]!;
    if (a === b) continue;
    const pa = dense.getPoint(a);
    const pb = dense.getPoint(b);
    let dot = 0;
    for (let d = 0; d < pa.length; d++) dot += pa[d]! * pb[d]!;
    sims.push(dot);
  }
  const mean = sims.reduce((s, x) => s + x, 0) / Math.max(1, sims.length);
  const std = Math.sqrt(sims.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, sims.length));
  return { mean: round(mean), std: round(std) };
}

/**
 * The content hash of a file, read only when its size or modification time differ from what the
 * previous build saw (as git does): a rebuild of 10,000 atoms stats them instead of reading them.
 */
function fileStamp(file: string, previous: FileStamp | undefined): FileStamp {
  try {
    const stats = statSync(file);
    if (previous && previous.size === stats.size && previous.mtime === stats.mtimeMs) return previous;
    return { hash: createHash('sha256').update(readFileSync(file)).digest('hex'), mtime: stats.mtimeMs, size: stats.size };
  } catch (error) {
    // Unreadable now: a hash that never matches, so the file is re-read (and reported) next time too.
    return { hash: `unreadable:${(error as NodeJS.ErrnoException).code ?? 'error'}:${Date.now()}`, mtime: 0, size: -1 };
  }
}

function gitRevision(atomsDir: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD:./'], { cwd: atomsDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim() || null;
  } catch {
    return null; // Not a git checkout, or atoms/ not committed yet.
  }
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

/** Shares an unchanged file with the previous build (files are never modified in place). */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to); // A file system without hard links.
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
