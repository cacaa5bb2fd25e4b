/**
 * A hash of the code that produces a cached result, so a cache written by other code (another
 * atomkit version, an edited source, other installed packages) is never read: atomkit's
 * package.json, the sources under the given folders, and the record of what npm installed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageFile } from './files.js';

/** What was installed: the project's lockfile, or npm's record of the installed tree. */
const INSTALL_RECORDS = ['package-lock.json', 'node_modules/.package-lock.json', '../.package-lock.json'];

const computed = new Map<string, string>();

/**
 * SHA-1 (only to notice a change) of atomkit's package.json, the `.ts`, `.js` and `.json` files
 * under `dirs` (tests left out) and the install record; computed once per process and set of folders.
 *
 * @example codeHash(['/…/dist/tooling/src/lint']) //=> 'kq3v…'
 */
export function codeHash(dirs: readonly string[]): string {
  const key = JSON.stringify(dirs);
  const known = computed.get(key);
  if (known) return known;
  const hash = createHash('sha1');
  const add = (file: string) => {
    try {
      hash.update(file).update(readFileSync(file));
    } catch {
      // A missing file changes the hash by its absence.
    }
  };
  add(packageFile('package.json'));
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
    } catch {
      continue;
    }
    for (const name of names) if (/\.(?:ts|js|json)$/.test(name) && !/\.test\.ts$/.test(name)) add(path.join(dir, name));
  }
  const record = INSTALL_RECORDS.map((rel) => packageFile(rel)).find((file) => existsSync(file));
  if (record) add(record);
  const value = hash.digest('base64url');
  computed.set(key, value);
  return value;
}
