/**
 * The vector index: an hnswlib HNSW graph over unit embeddings (cosine space), keyed by unit
 * label. Slots of deleted units are reused by new ones, so incremental rebuilds do not grow it.
 */
import type Hnswlib from 'hnswlib-node';
import { importOptional } from '../package/optional.js';

export type DenseIndex = InstanceType<typeof Hnswlib.HierarchicalNSW>;

let library: typeof Hnswlib | undefined;

/**
 * Loads hnswlib-node, an optional dependency (a native addon): the other functions here need it.
 *
 * @throws OptionalDependencyUnavailable when it is not installed or its addon does not load.
 */
export async function loadHnswlib(): Promise<void> {
  library ??= (await importOptional<{ default: typeof Hnswlib }>('hnswlib-node', 'Dense retrieval (the HNSW vector index)')).default;
}

function HierarchicalNSW(space: 'cosine', dims: number): DenseIndex {
  if (!library) throw new Error('hnswlib-node is not loaded: call loadHnswlib() first.');
  return new library.HierarchicalNSW(space, dims);
}

/** Graph parameters, recorded in the manifest. */
export const HNSW_PARAMETERS = { space: 'cosine', m: 16, efConstruction: 100, efSearch: 96, randomSeed: 100 } as const;

export function createDense(dims: number, capacity: number): DenseIndex {
  const index = HierarchicalNSW('cosine', dims);
  index.initIndex({
    maxElements: Math.max(16, capacity),
    m: HNSW_PARAMETERS.m,
    efConstruction: HNSW_PARAMETERS.efConstruction,
    randomSeed: HNSW_PARAMETERS.randomSeed,
    allowReplaceDeleted: true,
  });
  index.setEf(HNSW_PARAMETERS.efSearch);
  return index;
}

export function readDense(file: string, dims: number): DenseIndex {
  const index = HierarchicalNSW('cosine', dims);
  index.readIndexSync(file, true);
  index.setEf(HNSW_PARAMETERS.efSearch);
  return index;
}

/** Adds a vector, growing the index when it is full; a deleted slot is reused first. */
export function addVector(index: DenseIndex, label: number, vector: Float32Array, deleted: { count: number }): void {
  if (deleted.count > 0) {
    index.addPoint(Array.from(vector), label, true);
    deleted.count--;
    return;
  }
  if (index.getCurrentCount() >= index.getMaxElements()) index.resizeIndex(Math.ceil(index.getMaxElements() * 1.5) + 16);
  index.addPoint(Array.from(vector), label, false);
}

export interface DenseHit {
  readonly label: number;
  /** Cosine similarity, -1..1. */
  readonly similarity: number;
}

export function searchDense(index: DenseIndex, vector: Float32Array, k: number, keep?: (label: number) => boolean): DenseHit[] {
  const limit = Math.min(k, index.getCurrentCount());
  if (limit <= 0) return [];
  const result = index.searchKnn(Array.from(vector), limit, keep);
  return result.neighbors.map((label, i) => ({ label, similarity: 1 - result.distances[i]! }));
}

/** Cosine similarity of a query vector (unit length) and a stored unit's vector. */
export function similarityTo(index: DenseIndex, label: number, vector: Float32Array): number | undefined {
  let point: number[];
  try {
    point = index.getPoint(label);
  } catch {
    return undefined; // hnswlib throws for a label it does not hold: no similarity to report.
  }
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < point.length; i++) {
    dot += point[i]! * vector[i]!;
    norm += point[i]! * point[i]!;
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}
