/**
 * Files that ship inside the atomkit package (schemas, the site plugin, prebuilt browser code),
 * found from the package's own root. Modules run from the TypeScript sources (tests) and from the
 * compiled `dist/` folder, at different depths, so no module reaches a package file with a
 * relative `../../..` of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder of atomkit's own package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'atomkit') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`atomkit's package.json was not found above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}

/**
 * @example packageFile('schemas', 'atom.schema.json') //=> '/…/node_modules/atomkit/schemas/atom.schema.json'
 */
export function packageFile(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}

/** atomkit's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Whether atomkit runs compiled (dist/, as installed) rather than from its TypeScript sources
 * (tests): code started in a worker thread or process needs a TypeScript loader only in the latter.
 */
export const RUNS_COMPILED = import.meta.url.endsWith('.js');
