/**
 * Fingerprints of what a build reads, so `atomkit start` rebuilds the index and the site only
 * when their inputs changed since the last successful build.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A SHA-256 over the paths and contents of every file under `inputs` (files or folders; missing
 * ones count as absent) plus `extra` strings such as settings.
 *
 * @example fingerprint(['atoms'], [JSON.stringify(config.index)]) //=> '3f1a…'
 */
export function fingerprint(inputs: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const value of extra) hash.update(`extra\0${value}\0`);
  for (const input of inputs) {
    for (const file of listFiles(input)) {
      hash.update(`file\0${file}\0`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function listFiles(target: string): string[] {
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return [];
  }
  if (stats.isFile()) return [target];
  if (!stats.isDirectory()) return [];
  const files: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // Build output and dependencies are outputs, not inputs.
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}
