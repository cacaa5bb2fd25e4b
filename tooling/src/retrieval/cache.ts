/**
 * The embedding cache: a SQLite file of vectors keyed by (embedder key, sha256 of the embedded
 * text), so a rebuild embeds only what changed. The file is checked before it is trusted
 * (application id, format version, table shape, `PRAGMA quick_check`); a corrupt or foreign file
 * is moved aside and a new cache started.
 */
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { openSqlite, pragma, prepare, transaction, type Database, type Statement } from '../sqlite/database.js';

/** 'ATKE' — marks the file as an atomkit embedding cache. */
const APPLICATION_ID = 0x41544b45;
const FORMAT_VERSION = 1;

export interface CacheOpenResult {
  readonly cache: EmbeddingCache;
  /** Set when an existing file was not a valid cache and was replaced; says why. */
  readonly rebuilt: string | undefined;
}

export class EmbeddingCache {
  readonly #db: Database;
  readonly #get: Statement<[string, string], { vector: Uint8Array; dims: number }>;
  readonly #put: Statement<[string, string, number, Uint8Array, number]>;
  readonly #touch: Statement<[number, string, string]>;

  private constructor(db: Database) {
    this.#db = db;
    this.#get = prepare(db, 'SELECT vector, dims FROM embeddings WHERE model = ? AND hash = ?');
    this.#put = prepare(db, 'INSERT OR REPLACE INTO embeddings (model, hash, dims, vector, used_at) VALUES (?, ?, ?, ?, ?)');
    this.#touch = prepare(db, 'UPDATE embeddings SET used_at = ? WHERE model = ? AND hash = ?');
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
    const db = openSqlite(file);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    if (pragma(db, 'application_id') !== APPLICATION_ID) {
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
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
      db.exec(`PRAGMA user_version = ${FORMAT_VERSION}`);
    }
    return { cache: new EmbeddingCache(db), rebuilt };
  }

  /** The cached vector, if any (a vector of other dimensions than expected counts as a miss). */
  get(model: string, hash: string, dims?: number): Float32Array | undefined {
    const row = this.#get.get(model, hash);
    if (!row || (dims !== undefined && row.dims !== dims) || row.vector.byteLength !== row.dims * 4) return undefined;
    this.#touch.run(Date.now(), model, hash);
    // Copy out: the bytes may not be 4-byte aligned.
    return new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength));
  }

  putMany(model: string, entries: readonly { hash: string; vector: Float32Array }[]): void {
    const now = Date.now();
    transaction(this.#db, () => {
      for (const { hash, vector } of entries) {
        this.#put.run(model, hash, vector.length, new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength), now);
      }
    });
  }

  /** Runs `fn` in one transaction (many `get`s are much faster that way). */
  batch<T>(fn: () => T): T {
    return transaction(this.#db, fn);
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
  let db: Database | undefined;
  try {
    db = openSqlite(file, { readOnly: true });
    const applicationId = pragma(db, 'application_id');
    if (applicationId !== APPLICATION_ID) return 'it is not an atomkit embedding cache (foreign SQLite file)';
    const version = pragma(db, 'user_version');
    if (version !== FORMAT_VERSION) return `it has cache format ${String(version)}, expected ${FORMAT_VERSION}`;
    const quick = pragma(db, 'quick_check');
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
