/**
 * Why a package's native addon did not load, read from the error its loader threw. An optional
 * package with one (hnswlib-node; onnxruntime-node under transformers.js) can be installed and
 * still unusable: npm 12 and later skip a dependency's install script until the project approves
 * it, so the addon is never compiled; a compiled one may not load here (another platform, a
 * missing system library, a Node.js too old for its Node-API version).
 */

export interface AddonFailure {
  /** The package whose addon failed, from the addon's path; undefined when the path names none. */
  readonly packageName: string | undefined;
  readonly reason: 'not-built' | 'unloadable';
  /** What the loader said, on one line (`unloadable` quotes it). */
  readonly detail: string;
}

/** The `bindings` package (which hnswlib-node loads its addon with), when no compiled addon is where it looks. */
const NOT_BUILT = /^Could not locate the bindings file/;
/** Enough of the loader's message to recognise it; Node.js's own spans several lines. */
const DETAIL_CHARS = 240;
/** The last `node_modules/<package>` of a path in the message. */
const PACKAGE_IN_PATH = /node_modules[\\/]((?:@[^\\/\s'"]+[\\/])?[^\\/\s'"]+)[\\/]/g;

/**
 * The failure of a native addon the error reports, or undefined when it reports something else.
 *
 * @example addonFailure(new Error('Could not locate the bindings file. Tried:\n → /kb/node_modules/hnswlib-node/build/addon.node'))
 * //=> { packageName: 'hnswlib-node', reason: 'not-built', detail: 'Could not locate the bindings file. Tried:' }
 */
export function addonFailure(error: unknown): AddonFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code } = error as { code?: unknown };
  const reason = NOT_BUILT.test(error.message) ? 'not-built' : code === 'ERR_DLOPEN_FAILED' ? 'unloadable' : undefined;
  if (!reason) return undefined;
  // The first path the loader names is the addon it wanted (bindings lists every place it tried).
  const line = error.message.split('\n').find((text) => /node_modules[\\/]/.test(text)) ?? '';
  const packageName = [...line.matchAll(PACKAGE_IN_PATH)].at(-1)?.[1]?.replace(/\\/g, '/');
  // bindings follows its first line with every place it looked: that line says it all.
  const said = reason === 'not-built' ? error.message.split('\n')[0]! : error.message;
  return { packageName, reason, detail: said.replace(/\s+/g, ' ').trim().slice(0, DETAIL_CHARS) };
}

/**
 * What is wrong with the addon of `name` (or of the package it loads) and the npm commands that
 * mend it, as the end of a sentence.
 *
 * @example addonTrouble('hnswlib-node', { packageName: 'hnswlib-node', reason: 'unloadable', detail: 'invalid ELF header' })
 * //=> 'its native addon does not load (invalid ELF header): run `npm rebuild hnswlib-node`'
 */
export function addonTrouble(name: string, failure: AddonFailure): string {
  const owner = failure.packageName ?? name;
  const subject = owner === name ? 'its native addon' : `the native addon of ${owner}, which it loads,`;
  switch (failure.reason) {
    case 'not-built':
      return `${subject} was never built (npm 12 and later skip a dependency's install script until the project approves it): run \`npm install-scripts approve ${owner}\` and \`npm rebuild ${owner}\``;
    case 'unloadable':
      return `${subject} does not load (${failure.detail}): run \`npm rebuild ${owner}\``;
  }
}
