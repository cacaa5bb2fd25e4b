/**
 * The index artifact on disk: file names, the manifest format, reading a manifest, the checksums
 * that vouch for every file the manifest lists, and the atomic swap that puts a finished build in
 * place.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import type { FileDigest, IndexManifest } from './api.js';

/**
 * Bumped when the artifact layout or unit shape changes; older indexes are rebuilt, never misread.
 * 3: the manifest records each file's size and sha256. A format-2 index is refused rather than
 * loaded unverified, because hnswlib trusts its file and a damaged one kills the process.
 * 5: the tokenizer no longer indexes the parts of contractions that are stop words (`don`), and
 *    a template prompt left in a section is not indexed.
 * 6: a table cut into parts repeats its head in each part.
 * 7: a table over budget has its padding collapsed before it is cut, so a padded head leaves room for rows.
 * 8: English words are indexed in American spelling (optimise: optimize).
 * 9: a translated atom's units name the atom they translate (`translation_of`).
 * 12: units keep the codes of their tables of codes (`entryCodes`), matched when pasted.
 * 13: warning codes of capitals and a number (`FSTWRN004`, `DEP0005`) are codes of those tables too.
 * 16: a part that goes on with a code block or table cut from the part before says so (`continues`).
 * 17: the headings inside a unit (`#### --frozen-lockfile`) are searched as its heading.
 * 18: a command-line flag's words are indexed joined too, as a hyphenated word's are (`--inspect-brk` as `inspectbrk`),
 *     and the codes of sub-headings of codes (`### ERR_INVALID_ARG_TYPE`) are entry codes as a table's are.
 * 19: hedges (generally, completely) are not indexed, and words the stemmer would merge with a more
 *     technical one keep their own stem (important: not `import`; general: not `generate`).
 * 20: units keep their atom's source references (`sourceRefs`): a question linking to one finds the atom.
 */
export const FORMAT_VERSION = 20;

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
  const files = manifest.files as unknown;
  if (!files || typeof files !== 'object' || !Object.values(files).every(isDigest)) {
    return { problem: 'corrupt', detail: `${file} lacks the size and checksum of each index file` };
  }
  return { manifest: manifest as IndexManifest };
}

/** The files a manifest vouches for: the chunk store, every lexical shard and the vector index. */
export function artifactFiles(manifest: Pick<IndexManifest, 'dense' | 'parameters'>): string[] {
  const shards = Number((manifest.parameters.lexical as { shards?: unknown } | undefined)?.shards ?? 0);
  if (!Number.isInteger(shards) || shards < 1) throw new Error('the manifest does not say how many lexical shards there are');
  return [FILES.units, ...Array.from({ length: shards }, (_, i) => lexicalFile(i)), ...(manifest.dense ? [FILES.dense] : [])];
}

/** Read size of the checksum loop: large enough that hashing, not system calls, sets the pace. */
const HASH_CHUNK = 1 << 20;

/**
 * Size and sha256 of a file, read in chunks (a chunk store of a large index is hundreds of MB).
 *
 * @example digestFile('.atomkit/index/units.sqlite') //=> { bytes: 1048576, sha256: '9f86d0…' }
 */
export function digestFile(file: string): FileDigest {
  const fd = openSync(file, 'r');
  try {
    return digestOf(fd).digest;
  } finally {
    closeSync(fd);
  }
}

function digestOf(fd: number): { digest: FileDigest; stats: Stats } {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(HASH_CHUNK);
  let bytes = 0;
  for (let n; (n = readSync(fd, buffer, 0, HASH_CHUNK, bytes)) > 0; bytes += n) hash.update(buffer.subarray(0, n));
  return { digest: { bytes, sha256: hash.digest('hex') }, stats: fstatSync(fd) };
}

/**
 * Checks that `name` in `dir` is the file the build wrote: the size and sha256 the manifest
 * records. Called before hnswlib, SQLite or JSON.parse reads it, since none of them can be trusted
 * with a damaged file (hnswlib dereferences the offsets it finds and crashes the process).
 * Returns the file's stats as it was hashed, to notice a later change in place.
 *
 * @throws Error naming the file and what is wrong with it.
 */
export function verifyFile(dir: string, name: string, manifest: Pick<IndexManifest, 'files'>): Stats {
  const expected = manifest.files[name];
  if (!expected) throw new Error(`the manifest records no checksum for ${name}`);
  let fd: number;
  try {
    fd = openSync(path.join(dir, name), 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${name} is missing` : `${name} cannot be read (${code ?? (error as Error).message})`);
  }
  try {
    const size = fstatSync(fd).size;
    // A wrong size needs no hashing to be told.
    if (size !== expected.bytes) throw new Error(`${name} is ${size} bytes, but the index was built with ${expected.bytes}`);
    const { digest, stats } = digestOf(fd);
    if (digest.sha256 !== expected.sha256) throw new Error(`${name} does not match the checksum recorded when the index was built`);
    return stats;
  } finally {
    closeSync(fd);
  }
}

function isDigest(value: unknown): value is FileDigest {
  const digest = value as Partial<FileDigest> | null;
  return !!digest && typeof digest === 'object' && Number.isSafeInteger(digest.bytes) && typeof digest.sha256 === 'string' && /^[0-9a-f]{64}$/.test(digest.sha256);
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
