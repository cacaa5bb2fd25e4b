/**
 * The embedding cache: a SQLite file of vectors keyed by (embedder key, sha256 of the embedded
 * text), so a rebuild embeds only what changed. The file is checked before it is trusted
 * (application id, format version, table shape, `PRAGMA quick_check`); a corrupt or foreign file
 * is moved aside and a new cache started.
 */
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** 'ATKE' — marks the file as an atomkit embedding cache. */
const APPLICATION_ID = 0x41544b45;
const FORMAT_VERSION = 1;

export interface CacheOpenResult {
  readonly cache: EmbeddingCache;
  /** Set when an existing file was not a valid cache and was replaced; says why. */
  readonly rebuilt: string | undefined;
}

export class EmbeddingCache {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string], { vector: Buffer; dims: number }>;
  readonly #put: Database.Statement<[string, string, number, Buffer, number]>;
  readonly #touch: Database.Statement<[number, string, string]>;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#get = db.prepare('SELECT vector, dims FROM embeddings WHERE model = ? AND hash = ?');
    this.#put = db.prepare('INSERT OR REPLACE INTO embeddings (model, hash, dims, vector, used_at) VALUES (?, ?, ?, ?, ?)');
    this.#touch = db.prepare('UPDATE embeddings SET used_at = ? WHERE model = ? AND hash = ?');
  }

  /** Opens (or creates) the cache at `file`, replacing it when it is not a valid cache. */
  static open(file: string): CacheOpenResult {
    mkdirSync(path.dirname(file), { recursive: true });
    let rebuilt: string | undefined;
    if (existsSync(file)) {
      const problem = check(file);
      if (problem) {
        rebuilt = problem;
        // Keep the bad file for inspection, out of the way; a later bad file replaces it.
        const aside = `${file}.invalid`;
        rmSync(aside, { force: true });
        renameSync(file, aside);
        for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
      }
    }
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS embeddings (
          model TEXT NOT NULL,
          hash TEXT NOT NULL,
          dims INTEGER NOT NULL,
          vector BLOB NOT NULL,
          used_at INTEGER NOT NULL,
          PRIMARY KEY (model, hash)
        ) WITHOUT ROWID;
      `);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${FORMAT_VERSION}`);
    }
    return { cache: new EmbeddingCache(db), rebuilt };
  }

  /** The cached vector, if any (a vector of other dimensions than expected counts as a miss). */
  get(model: string, hash: string, dims?: number): Float32Array | undefined {
    const row = this.#get.get(model, hash);
    if (!row || (dims !== undefined && row.dims !== dims) || row.vector.byteLength !== row.dims * 4) return undefined;
    this.#touch.run(Date.now(), model, hash);
    // Copy out: the Buffer may not be 4-byte aligned.
    return new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength));
  }

  putMany(model: string, entries: readonly { hash: string; vector: Float32Array }[]): void {
    const now = Date.now();
    this.#db.transaction(() => {
      for (const { hash, vector } of entries) {
        this.#put.run(model, hash, vector.length, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength), now);
      }
    })();
  }

  /** Runs `fn` in one transaction (many `get`s are much faster that way). */
  batch<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }

  count(model?: string): number {
    const row = model
      ? (this.#db.prepare('SELECT count(*) AS n FROM embeddings WHERE model = ?').get(model) as { n: number })
      : (this.#db.prepare('SELECT count(*) AS n FROM embeddings').get() as { n: number });
    return row.n;
  }

  close(): void {
    this.#db.close();
  }
}

/** Why the file is not a usable cache, or undefined when it is. */
function check(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const applicationId = db.pragma('application_id', { simple: true });
    if (applicationId !== APPLICATION_ID) return 'it is not an atomkit embedding cache (foreign SQLite file)';
    const version = db.pragma('user_version', { simple: true });
    if (version !== FORMAT_VERSION) return `it has cache format ${String(version)}, expected ${FORMAT_VERSION}`;
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') return `SQLite reports damage (${String(quick)})`;
    const columns = (db.prepare("SELECT name FROM pragma_table_info('embeddings')").all() as { name: string }[]).map((c) => c.name).sort();
    if (columns.join(',') !== 'dims,hash,model,used_at,vector') return 'its embeddings table has an unexpected shape';
    return undefined;
  } catch (error) {
    return `it cannot be read as SQLite (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}
