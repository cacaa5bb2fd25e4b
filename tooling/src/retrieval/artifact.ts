/**
 * The index artifact on disk: file names, the manifest format, reading a manifest, and the
 * atomic swap that puts a finished build in place.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import type { IndexManifest } from './api.js';

/** Bumped when the artifact layout or unit shape changes; older indexes are rebuilt, never misread. */
export const FORMAT_VERSION = 2;

export const FILES = {
  manifest: 'manifest.json',
  units: 'units.sqlite',
  dense: 'dense.hnsw',
  reportJson: 'report.json',
  reportMd: 'report.md',
} as const;

/** File of lexical shard `i`. */
export function lexicalFile(shard: number): string {
  return `lexical-${shard}.json`;
}

export function indexDir(config: AtomkitConfig): string {
  return path.resolve(config.root, config.index.dir);
}

/**
 * The folder holding the current index: `dir`, or `dir.previous` when a build was stopped in the
 * instant between its two renames. Undefined when there is no index.
 */
export function currentIndexDir(dir: string): string | undefined {
  if (existsSync(path.join(dir, FILES.manifest))) return dir;
  const previous = `${dir}.previous`;
  if (existsSync(path.join(previous, FILES.manifest))) return previous;
  return undefined;
}

export type ManifestRead = { manifest: IndexManifest } | { problem: 'missing' | 'corrupt' | 'format'; detail: string };

export function readManifest(dir: string): ManifestRead {
  const file = path.join(dir, FILES.manifest);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'missing', detail: `no ${FILES.manifest} in ${dir}` };
    return { problem: 'corrupt', detail: `${file} cannot be read (${(error as Error).message})` };
  }
  const manifest = data as Partial<IndexManifest> | null;
  if (!manifest || typeof manifest !== 'object' || typeof manifest.formatVersion !== 'number') {
    return { problem: 'corrupt', detail: `${file} is not an index manifest` };
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    return { problem: 'format', detail: `${file} has index format ${manifest.formatVersion}, this atomkit reads format ${FORMAT_VERSION}` };
  }
  if (typeof manifest.model !== 'string' || typeof manifest.dense !== 'boolean' || typeof manifest.contentHash !== 'string') {
    return { problem: 'corrupt', detail: `${file} lacks model, dense or contentHash` };
  }
  return { manifest: manifest as IndexManifest };
}

/** A temporary build folder beside the index, so the final rename stays on one file system. */
export function tempDirFor(dir: string): string {
  return `${dir}.tmp-${process.pid}-${Date.now().toString(36)}`;
}

/** Removes temporary folders of builds that were killed (their process is gone). */
export function removeStaleTemps(dir: string): void {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}.tmp-`;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return; // No parent folder yet: nothing stale.
  }
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Puts a finished build in place: the old index is renamed aside, the new one renamed in, the old
 * one removed. Readers find `dir.previous` in the instant between the renames.
 */
export function swapInto(tmp: string, dir: string): void {
  const previous = `${dir}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(dir)) renameSync(dir, previous);
  renameSync(tmp, dir);
  rmSync(previous, { recursive: true, force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
