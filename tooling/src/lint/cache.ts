/**
 * The lint cache (`atomkit lint --cache`): each file's diagnostics and header facts, keyed by a hash
 * of its bytes, so a run parses only the atoms that changed. Cross-file rules are not cached: they
 * run on every run, over facts that come from the cache or from a fresh parse.
 *
 * One fingerprint covers everything else a file's results depend on: the settings, atomkit's
 * version, the lint sources and the installed parser and rule packages. When it differs, the
 * whole cache is dropped. Like ESLint's `.eslintcache`, the file is plain JSON and safe to
 * restore from a CI cache on another machine: nothing in it depends on modification times.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileResult } from './parallel.js';
import { codeHash } from '../package/code-hash.js';
import { packageFile } from '../package/files.js';

const FORMAT = 1;

interface CacheEntry {
  readonly root: string;
  readonly hash: string;
  readonly result: FileResult;
}

interface CacheFile {
  readonly format: number;
  readonly fingerprint: string;
  readonly entries: Record<string, CacheEntry>;
}

export interface LintCache {
  /** The cached result of a file, when its bytes, root and the fingerprint are unchanged. */
  get(shown: string, root: string, hash: string): FileResult | undefined;
  set(shown: string, root: string, hash: string, result: FileResult): void;
  /**
   * Writes the cache (entries of files that no longer exist are dropped).
   * Returns why it could not be written, or undefined.
   */
  save(exists: (shown: string) => boolean): string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isPosition = (value: unknown) => isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.column);

/** A stored result has the shape reporters and cross-file rules rely on (the file may have been edited). */
function isFileResult(value: unknown): value is FileResult {
  if (!isObject(value) || !Array.isArray(value.diagnostics)) return false;
  const diagnosticsOk = value.diagnostics.every(
    (d: unknown) => isObject(d) && typeof d.code === 'string' && typeof d.message === 'string' && typeof d.file === 'string' && (d.severity === 'error' || d.severity === 'warn') && isPosition(d.start),
  );
  const facts = value.facts;
  const factsOk = facts === undefined || (isObject(facts) && typeof facts.file === 'string' && typeof facts.id === 'string' && Array.isArray(facts.related));
  return diagnosticsOk && factsOk;
}

/** SHA-1 of a file's bytes: not for security, only to notice a change. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

/**
 * Opens the cache file; a missing, unreadable or foreign file (or another fingerprint) starts an
 * empty cache, since a cache can always be rebuilt.
 */
export function openLintCache(file: string, fingerprint: string): LintCache {
  let entries: Record<string, CacheEntry> = Object.create(null) as Record<string, CacheEntry>;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (stored.format === FORMAT && stored.fingerprint === fingerprint && stored.entries && typeof stored.entries === 'object') {
      entries = Object.assign(Object.create(null) as Record<string, CacheEntry>, stored.entries);
    }
  } catch {
    // Start empty.
  }
  const touched = new Set<string>();
  return {
    get(shown, root, hash) {
      const entry = entries[shown];
      if (!entry || entry.root !== root || entry.hash !== hash || !isFileResult(entry.result)) return undefined;
      touched.add(shown);
      return entry.result;
    },
    set(shown, root, hash, result) {
      entries[shown] = { root, hash, result };
      touched.add(shown);
    },
    save(exists) {
      for (const shown of Object.keys(entries)) if (!touched.has(shown) && !exists(shown)) delete entries[shown];
      const body: CacheFile = { format: FORMAT, fingerprint, entries };
      // Written aside and renamed, so a run that stops half-way never leaves half a cache.
      const temp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(temp, JSON.stringify(body));
        renameSync(temp, file);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  };
}

/** The code that runs (tooling/src, or its compiled copy in dist/tooling/src). */
const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The code and schemas that decide a file's diagnostics. */
const SOURCE_DIRS = [...['atom', 'lint', 'schema', 'text', 'generated'].map((dir) => path.join(CODE_ROOT, dir)), packageFile('schemas')];

/** The fingerprint of a run: settings that shape per-file results, plus the code that produces them. */
export function lintFingerprint(settings: unknown): string {
  return createHash('sha1').update(codeHash(SOURCE_DIRS)).update(JSON.stringify(settings)).digest('base64url');
}
