/**
 * Optional dependencies: the local embedding model (transformers.js with ONNX Runtime, about 430 MB),
 * the HNSW vector index (a native addon), the browser driver of the Pagefind baseline, the MCP SDK
 * (with express, some 80 packages), among others. Lint, lexical search, extractive answers and the
 * site work without them; the one command that needs one says which package to install, or, when
 * it is installed but its native addon does not load, how to mend it.
 */
import { addonFailure, addonTrouble } from './native-addon.js';

/** An optional package that is not installed or cannot load; its message is the one sentence to print. */
export class OptionalDependencyUnavailable extends Error {
  override name = 'OptionalDependencyUnavailable';
}

/**
 * Imports `name`, or throws OptionalDependencyUnavailable when it is not installed or its native
 * addon (or that of a package it loads) does not load. Any other failure is thrown as it is. `load`
 * imports a module of atomkit's own instead, one that imports the package throughout (the MCP server).
 *
 * @example const { pipeline } = await importOptional<typeof import('@huggingface/transformers')>('@huggingface/transformers', 'Dense retrieval with a local model')
 * @example const { mcpRoutes } = await importOptional<typeof import('./http.js')>('@modelcontextprotocol/sdk', 'The MCP server', () => import('./http.js'))
 */
export async function importOptional<T>(name: string, purpose: string, load: () => Promise<T> = () => import(name) as Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, name)) throw new OptionalDependencyUnavailable(`${purpose} needs the optional package ${name}: install it next to atomkit (\`npm install -D ${name}\`) and run the command again.`);
    const addon = addonFailure(error);
    if (addon) throw new OptionalDependencyUnavailable(`${purpose} needs the optional package ${name}, but ${addonTrouble(name, addon)}, then the command again.`);
    throw error;
  }
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && (message ?? '').includes(`'${name}'`);
}
