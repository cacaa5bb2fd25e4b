/**
 * Every published atom as an MCP resource: its page URL is the URI, its Markdown the content.
 * The list comes a page at a time (the SDK's own resource registry lists everything at once).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, ListResourcesRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { CursorError, type AtomCatalog } from './catalog.js';

/** Resources per `resources/list` page. */
export const RESOURCES_PER_PAGE = 100;

/** The MCP error code for an unknown resource URI. */
const RESOURCE_NOT_FOUND = -32002;

/** Answers `resources/list` and `resources/read` from the catalog; the server must declare the `resources` capability. */
export function registerAtomResources(server: McpServer, catalog: AtomCatalog): void {
  server.server.setRequestHandler(ListResourcesRequestSchema, (request) => {
    let page;
    try {
      page = catalog.list({ limit: RESOURCES_PER_PAGE, ...(request.params?.cursor !== undefined ? { cursor: request.params.cursor } : {}) });
    } catch (error) {
      if (error instanceof CursorError) throw new ProtocolError(ErrorCode.InvalidParams, error.message);
      throw error;
    }
    return {
      resources: page.atoms.map((atom) => ({ uri: atom.url, name: atom.id, title: atom.title, description: atom.summary, mimeType: 'text/markdown' })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  });
  server.server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const { uri } = request.params;
    const atom = URL.canParse(uri) ? catalog.get(uri) : undefined;
    if (!atom) throw new ProtocolError(RESOURCE_NOT_FOUND, `No atom page has the URI \`${uri.slice(0, 200)}\`; resources/list gives them.`, { uri: uri.slice(0, 200) });
    return { contents: [{ uri: atom.url, mimeType: 'text/markdown', text: atom.markdown }] };
  });
}

/**
 * A JSON-RPC error with its message as written (the SDK's McpError prefixes "MCP error <code>:",
 * which its client then prefixes again).
 */
class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}
