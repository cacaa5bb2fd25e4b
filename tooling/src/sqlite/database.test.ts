import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isSqliteError, openSqlite, pragma, prepare, transaction, type Database } from './database.js';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atomkit-sqlite-'));
  db = openSqlite(path.join(dir, 'test.sqlite'));
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
});

afterEach(() => {
  if (db.isOpen) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const numbers = () => prepare<[], { n: number }>(db, 'SELECT n FROM t ORDER BY n').all().map((row) => row.n);
const insert = (n: number) => db.prepare('INSERT INTO t (n) VALUES (?)').run(n);

describe('openSqlite', () => {
  test('creates a missing file by default', () => {
    expect(existsSync(path.join(dir, 'test.sqlite'))).toBe(true);
  });

  test.each([{ readOnly: true }, { mustExist: true }])('refuses a missing file with %j, naming it, and creates nothing', (options) => {
    const missing = path.join(dir, 'missing.sqlite');
    expect(() => openSqlite(missing, options)).toThrow(`${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
  });

  test('a read-only connection cannot write', () => {
    const reader = openSqlite(path.join(dir, 'test.sqlite'), { readOnly: true });
    try {
      expect(() => reader.exec('INSERT INTO t (n) VALUES (1)')).toThrow(/readonly/);
    } finally {
      reader.close();
    }
  });

  test('waits 5 s for another connection\'s lock by default, then fails as SQLITE_BUSY', () => {
    expect(pragma(db, 'busy_timeout')).toBe(5000);
    const other = openSqlite(path.join(dir, 'test.sqlite'), { busyTimeoutMs: 50 });
    try {
      expect(pragma(other, 'busy_timeout')).toBe(50);
      db.exec('BEGIN IMMEDIATE');
      expect(() => other.exec('INSERT INTO t (n) VALUES (1)')).toThrow('database is locked');
      db.exec('COMMIT');
    } finally {
      other.close();
    }
  });

  test('a file that is not SQLite fails as a SQLite error at the first read', () => {
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database'.repeat(400));
    const opened = openSqlite(junk, { readOnly: true });
    try {
      const error = (() => {
        try {
          pragma(opened, 'user_version');
        } catch (caught) {
          return caught;
        }
      })();
      expect(isSqliteError(error)).toBe(true);
      expect((error as Error).message).toBe('file is not a database');
    } finally {
      opened.close();
    }
  });
});

describe('pragma', () => {
  test('reads the value a pragma returns, and undefined for one that returns nothing', () => {
    db.exec('PRAGMA user_version = 7');
    expect(pragma(db, 'user_version')).toBe(7);
    expect(pragma(db, 'journal_mode')).toBe('delete');
    expect(pragma(db, 'optimize')).toBeUndefined();
  });
});

describe('transaction', () => {
  test('commits what the function wrote and returns its result', () => {
    expect(transaction(db, () => (insert(1), insert(2), 'done'))).toBe('done');
    expect(numbers()).toEqual([1, 2]);
    expect(db.isTransaction).toBe(false);
  });

  test('rolls everything back when the function throws, and rethrows', () => {
    expect(() =>
      transaction(db, () => {
        insert(1);
        insert(1);
      }),
    ).toThrow(/UNIQUE constraint failed/);
    expect(numbers()).toEqual([]);
    expect(db.isTransaction).toBe(false);
  });

  test('a failing nested transaction undoes only its own writes', () => {
    transaction(db, () => {
      insert(1);
      expect(() =>
        transaction(db, () => {
          insert(2);
          throw new Error('inner');
        }),
      ).toThrow('inner');
      transaction(db, () => insert(3));
    });
    expect(numbers()).toEqual([1, 3]);
  });

  test('an outer failure also undoes the nested transactions that succeeded', () => {
    expect(() =>
      transaction(db, () => {
        transaction(db, () => insert(1));
        throw new Error('outer');
      }),
    ).toThrow('outer');
    expect(numbers()).toEqual([]);
  });
});

describe('isSqliteError', () => {
  test('tells errors SQLite raised from others', () => {
    let constraint: unknown;
    try {
      insert(1);
      insert(1);
    } catch (error) {
      constraint = error;
    }
    expect(isSqliteError(constraint)).toBe(true);
    expect(isSqliteError(new Error('plain'))).toBe(false);
    expect(isSqliteError('SQLITE_CORRUPT')).toBe(false);
  });
});
