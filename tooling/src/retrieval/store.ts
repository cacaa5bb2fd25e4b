/**
 * The chunk store of an index artifact (`units.sqlite`): every unit's text and metadata under its
 * numeric label (the hnswlib label and MiniSearch id), the atom files it came from with their
 * content hashes (so a rebuild re-reads only changed files), and the document frequency of each
 * lexical term (for confidence).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { openSqlite, pragma, transaction, type Database, type Statement } from '../sqlite/database.js';
import type { Unit } from './chunk.js';
import { sha256 } from './chunk.js';

const APPLICATION_ID = 0x41544b55; // 'ATKU'
export const STORE_VERSION = 2;

/** The columns of each table that this code reads or writes, as `create` makes them. */
const COLUMNS = {
  files: ['path', 'hash', 'mtime', 'size', 'atom_id', 'skipped'],
  units: ['label', 'id', 'file', 'atom_id', 'type', 'language', 'tags', 'kind', 'parts', 'terms', 'data_hash', 'data'],
  terms: ['term', 'df'],
  meta: ['key', 'value'],
} as const;

/** What every unit keeps in memory while the retriever is open (filters, fusion). */
export interface UnitMeta {
  readonly label: number;
  readonly id: string;
  readonly atomId: string;
  readonly type: string;
  readonly language: string;
  readonly tags: readonly string[];
}

export type StoredUnit = Omit<Unit, 'embedText'>;

export interface FileStamp {
  readonly hash: string;
  readonly mtime: number;
  readonly size: number;
}

export class UnitStore {
  readonly db: Database;
  readonly #statements = new Map<string, StatementSync>();

  private constructor(db: Database) {
    this.db = db;
  }

  /**
   * Statements are prepared once: a full build runs the same few tens of thousands of times.
   * `arrays` returns each row as an array of its columns (no object per row for whole tables).
   */
  #sql<Row = Record<string, unknown>>(sql: string, { arrays = false } = {}): Statement<SQLInputValue[], Row> {
    const key = `${arrays ? 'arrays' : 'objects'}:${sql}`;
    let statement = this.#statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      statement.setReturnArrays(arrays);
      this.#statements.set(key, statement);
    }
    return statement as unknown as Statement<SQLInputValue[], Row>;
  }

  /** Creates the tables in a new file. */
  static create(file: string): UnitStore {
    const db = openSqlite(file);
    db.exec('PRAGMA journal_mode = OFF');
    db.exec('PRAGMA synchronous = OFF');
    db.exec(`
      CREATE TABLE files (path TEXT PRIMARY KEY, hash TEXT NOT NULL, mtime REAL NOT NULL, size INTEGER NOT NULL, atom_id TEXT NOT NULL, skipped TEXT) WITHOUT ROWID;
      CREATE TABLE units (
        label INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        file TEXT NOT NULL,
        atom_id TEXT NOT NULL,
        type TEXT NOT NULL,
        language TEXT NOT NULL,
        tags TEXT NOT NULL,
        kind TEXT NOT NULL,
        parts INTEGER NOT NULL,
        terms TEXT NOT NULL,
        data_hash TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX units_file ON units (file);
      CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    `);
    db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    db.exec(`PRAGMA user_version = ${STORE_VERSION}`);
    return new UnitStore(db);
  }

  /**
   * Opens an existing store (a copy of the previous build's, or the current one to search), after
   * checking it is one: its application id, version, and the tables and columns this code reads.
   *
   * @throws Error saying what is wrong; any SQLite error (a damaged file) is reported the same way.
   */
  static open(file: string, options: { readonly?: boolean } = {}): UnitStore {
    let db: Database | undefined;
    try {
      db = openSqlite(file, { readOnly: options.readonly ?? false, mustExist: true });
      if (pragma(db, 'application_id') !== APPLICATION_ID || pragma(db, 'user_version') !== STORE_VERSION) {
        throw new Error('it is not an atomkit unit store of this version');
      }
      for (const [table, columns] of Object.entries(COLUMNS)) {
        const found = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
        if (found.length === 0) throw new Error(`it has no \`${table}\` table`);
        const missing = columns.filter((column) => !found.includes(column));
        if (missing.length > 0) throw new Error(`its \`${table}\` table lacks ${missing.map((column) => `\`${column}\``).join(', ')}`);
      }
      if (!options.readonly) {
        db.exec('PRAGMA journal_mode = OFF');
        db.exec('PRAGMA synchronous = OFF');
      }
      return new UnitStore(db);
    } catch (error) {
      db?.close();
      throw new Error(`${basename(file)} cannot be used: ${(error as Error).message}`);
    }
  }

  /** What the previous build saw of each file: content hash, modification time and size. */
  files(): Map<string, FileStamp> {
    const rows = this.#sql<{ path: string } & FileStamp>('SELECT path, hash, mtime, size FROM files').all();
    return new Map(rows.map(({ path, ...stamp }) => [path, stamp]));
  }

  skippedFiles(): { path: string; atomId: string; reason: string }[] {
    return this.#sql<{ path: string; atomId: string; reason: string }>(
      'SELECT path, atom_id AS atomId, skipped AS reason FROM files WHERE skipped IS NOT NULL ORDER BY path',
    ).all();
  }

  /** Removes a file and its units; returns the removed units (for document frequencies and the vector index). */
  removeFile(path: string): { label: number; unit: StoredUnit; terms: string[] }[] {
    const rows = this.#sql<{ label: number; data: string; terms: string }>('SELECT label, data, terms FROM units WHERE file = ?').all(path);
    this.#sql('DELETE FROM units WHERE file = ?').run(path);
    this.#sql('DELETE FROM files WHERE path = ?').run(path);
    return rows.map((row) => ({ label: row.label, unit: JSON.parse(row.data) as StoredUnit, terms: splitTerms(row.terms) }));
  }

  addFile(path: string, stamp: FileStamp, atomId: string, skipped: string | undefined): void {
    this.#sql('INSERT OR REPLACE INTO files (path, hash, mtime, size, atom_id, skipped) VALUES (?, ?, ?, ?, ?, ?)').run(
      path,
      stamp.hash,
      stamp.mtime,
      stamp.size,
      atomId,
      skipped ?? null,
    );
  }

  /**
   * The first free label. Labels are never reused, even after their units are removed, because
   * the vector index may still hold them as deleted entries.
   */
  nextLabel(): number {
    const stored = this.#sql<{ value: number }>("SELECT value FROM meta WHERE key = 'next_label'").get();
    const max = this.#sql<{ max: number | null }>('SELECT max(label) AS max FROM units').get()!.max ?? -1;
    return Math.max(stored?.value ?? 0, max + 1);
  }

  setNextLabel(label: number): void {
    this.#sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_label', ?)").run(label);
  }

  /** `terms`: the unit's distinct lexical terms (kept for confidence and document frequencies). */
  addUnit(label: number, unit: Unit, terms: Iterable<string>): void {
    const { embedText: _embedText, ...stored } = unit;
    const data = JSON.stringify(stored);
    this
      .#sql('INSERT INTO units (label, id, file, atom_id, type, language, tags, kind, parts, terms, data_hash, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(label, unit.id, unit.file, unit.atomId, unit.type, unit.language, JSON.stringify(unit.tags), unit.kind, unit.parts, [...terms].join(' '), sha256(data), data);
  }

  /** Is a unit id taken (two files of the same atom id, e.g. `a.md` and `a.MD`)? */
  hasUnit(id: string): boolean {
    return this.#sql('SELECT 1 FROM units WHERE id = ?').get(id) !== undefined;
  }

  adjustTerms(delta: ReadonlyMap<string, number>): void {
    const upsert = this.#sql('INSERT INTO terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df');
    for (const [term, change] of delta) if (change !== 0) upsert.run(term, change);
    this.#sql('DELETE FROM terms WHERE df <= 0').run();
  }

  termFrequencies(): Map<string, number> {
    const rows = this.#sql<[string, number]>('SELECT term, df FROM terms', { arrays: true }).all();
    return new Map(rows);
  }

  meta(): UnitMeta[] {
    const rows = this.#sql<[number, string, string, string, string, string]>('SELECT label, id, atom_id, type, language, tags FROM units ORDER BY label', {
      arrays: true,
    }).all();
    return rows.map(([label, id, atomId, type, language, tags]) => ({ label, id, atomId, type, language, tags: JSON.parse(tags) as string[] }));
  }

  unitsPerFile(): Map<string, number> {
    return new Map(this.#sql<[string, number]>('SELECT file, count(*) FROM units GROUP BY file', { arrays: true }).all());
  }

  /** Every error code of every indexed atom: its `error_codes` and the codes of its tables of codes (each unit's JSON read once). */
  errorCodes(): { atomId: string; code: string }[] {
    return this.#sql<{ atomId: string; code: string }>(
      "SELECT DISTINCT atom_id AS atomId, code.value AS code FROM units, json_each(units.data) AS field, json_each(field.value) AS code WHERE field.key IN ('errorCodes', 'entryCodes')",
    ).all();
  }

  /** Every source reference of every indexed atom (each of its units carries them). */
  sourceRefs(): { atomId: string; ref: string }[] {
    return this.#sql<{ atomId: string; ref: string }>(
      "SELECT DISTINCT atom_id AS atomId, ref.value AS ref FROM units, json_each(units.data, '$.sourceRefs') AS ref",
    ).all();
  }

  unit(label: number): StoredUnit | undefined {
    const row = this.#sql<{ data: string }>('SELECT data FROM units WHERE label = ?').get(label);
    return row ? (JSON.parse(row.data) as StoredUnit) : undefined;
  }

  /** A unit's distinct lexical terms (tokenizing again at query time would cost more than the search). */
  terms(label: number): string[] {
    const row = this.#sql<{ terms: string }>('SELECT terms FROM units WHERE label = ?').get(label);
    return row === undefined ? [] : splitTerms(row.terms);
  }

  /** Every unit, in label order (a full rebuild of the vector and lexical indexes). */
  *all(): Generator<{ label: number; unit: StoredUnit }> {
    for (const row of this.#sql<{ label: number; data: string }>('SELECT label, data FROM units ORDER BY label').iterate()) {
      yield { label: row.label, unit: JSON.parse(row.data) as StoredUnit };
    }
  }

  /** sha256 over every unit's id and data, in id order: same atoms and settings, same hash. */
  contentHash(): string {
    const hash = createHash('sha256');
    for (const [id, dataHash] of this.#sql<[string, string]>('SELECT id, data_hash FROM units ORDER BY id', { arrays: true }).iterate()) {
      hash.update(`${id}\0${dataHash}\n`);
    }
    return hash.digest('hex');
  }

  counts(): { atoms: number; units: number; splitUnits: number; faqUnits: number; skippedAtoms: number } {
    const get = (sql: string) => this.#sql<{ n: number }>(sql).get()!.n;
    return {
      atoms: get('SELECT count(*) AS n FROM files WHERE skipped IS NULL'),
      units: get('SELECT count(*) AS n FROM units'),
      splitUnits: get('SELECT count(*) AS n FROM units WHERE parts > 1'),
      faqUnits: get("SELECT count(*) AS n FROM units WHERE kind = 'faq'"),
      skippedAtoms: get('SELECT count(*) AS n FROM files WHERE skipped IS NOT NULL'),
    };
  }

  transaction<T>(fn: () => T): T {
    return transaction(this.db, fn);
  }

  close(): void {
    this.db.close();
  }
}

function splitTerms(terms: string): string[] {
  return terms === '' ? [] : terms.split(' ');
}
