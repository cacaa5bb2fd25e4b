/**
 * The MCP server is optional: its SDK (@modelcontextprotocol/sdk, which brings express and some 80
 * packages) is an optional peer dependency, like `openai` and `pg`. The modules that import it are
 * loaded through here, so `atomkit serve` starts without it (its `/mcp` answers 501 and says what
 * to install) and `atomkit mcp` says it in one sentence.
 */
import { importOptional, OptionalDependencyUnavailable } from '../../../tooling/src/package/optional.js';
import type { mcpRoutes } from './http.js';

/** Where `atomkit serve` answers MCP requests. */
export const MCP_PATH = '/mcp';

/**
 * Runs `load`, an import of a module that imports the SDK.
 *
 * @throws OptionalDependencyUnavailable saying in one sentence what to install when the SDK is missing.
 * @example const { runMcp } = await loadWithMcpSdk(() => import('../cli/mcp.js'))
 */
export function loadWithMcpSdk<T>(load: () => Promise<T>): Promise<T> {
  return importOptional<T>('@modelcontextprotocol/sdk', 'The MCP server (`atomkit mcp`, and `/mcp` of `atomkit serve`)', load);
}

/**
 * The `/mcp` route plugin, or the sentence that says what to install when the SDK is missing.
 *
 * @example 'missing' in (await mcpRoutesOrMissing()) //=> false with the SDK installed
 */
export async function mcpRoutesOrMissing(): Promise<{ readonly routes: typeof mcpRoutes } | { readonly missing: string }> {
  try {
    return { routes: (await loadWithMcpSdk(() => import('./http.js'))).mcpRoutes };
  } catch (error) {
    if (error instanceof OptionalDependencyUnavailable) return { missing: error.message };
    throw error;
  }
}
