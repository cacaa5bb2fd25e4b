/** Damage done to a built index's files, the way a bad disk, a bad copy or a person does it. */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** Bytes that are not what any index file holds there: a fixed pattern, so every run does the same damage. */
export function garbage(length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 151 + 0x5a) & 0xff));
}

/** Writes `bytes` over the file from `offset`, in place (the size stays the same when it fits). */
export function overwrite(file: string, offset: number, bytes: Uint8Array): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

/** Garbage over the middle of the file. */
export function garbageMidFile(file: string, length = 8192): void {
  const size = statSync(file).size;
  overwrite(file, Math.max(0, Math.floor(size / 2) - length / 2), garbage(Math.min(length, size)));
}

/** `DROP TABLE` in a chunk store (or any SQLite file). */
export function dropTable(file: string, table: string): void {
  const db = new DatabaseSync(file);
  try {
    db.exec(`DROP TABLE ${table}`);
  } finally {
    db.close();
  }
}

/**
 * Records the damaged files' new checksums in the manifest, as someone who "fixes" a refused index
 * by hand would: what the checksum no longer catches, the checks behind it must.
 */
export function resign(dir: string): void {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { files: Record<string, { bytes: number; sha256: string }> };
  for (const name of Object.keys(manifest.files)) {
    const bytes = readFileSync(path.join(dir, name));
    manifest.files[name] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  writeFileSync(file, JSON.stringify(manifest));
}
