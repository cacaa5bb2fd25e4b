/**
 * Files of the CLI bundle the process runs from. bin/launch.js builds the bundle (with the entry
 * points of worker threads) and records its folder on `globalThis` under a registered symbol, so
 * every module sees it, bundled or not. Code run through tsx (tests, ATOMKIT_NO_BUNDLE) sees none.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const BUNDLE_DIR = Symbol.for('atomkit.cliBundleDir');

/**
 * @example bundledFile('lint-worker.js') //=> URL of …/node_modules/.cache/atomkit/cli/<hash>/lint-worker.js, or undefined
 */
export function bundledFile(name: string): URL | undefined {
  const dir = (globalThis as { [BUNDLE_DIR]?: unknown })[BUNDLE_DIR];
  return typeof dir === 'string' ? pathToFileURL(path.join(dir, name)) : undefined;
}
