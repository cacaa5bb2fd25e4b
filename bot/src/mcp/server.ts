/**
 * The knowledge base as an MCP server: the four tools and the atom resources on one `McpServer`,
 * connected to a transport (stdio for `atomkit mcp`, Streamable HTTP for `/mcp`), with every tool
 * call counted in the chat service's metrics.
 *
 * @example
 * await connectMcpServer(new StdioServerTransport(), deps);
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { packageVersion } from '../../../tooling/src/package/files.js';
import type { BotMetrics } from '../metrics.js';
import { registerAtomResources } from './resources.js';
import { observeToolCalls } from './tool-metrics.js';
import { TOOL_NAMES, type ToolDeps, type ToolSet } from './tools.js';

export interface McpDeps extends Pick<ToolDeps, 'answerer' | 'catalog'> {
  readonly metrics: BotMetrics;
  /** From `createTools`, once per process. */
  readonly tools: ToolSet;
}

const version = packageVersion();

/**
 * Most array elements and object members one tool call's arguments may hold: far above what any
 * tool takes (tags are capped at 20), far below what makes validation slow.
 */
const MAX_TOOL_INPUT_ELEMENTS = 200;

/** A new server for one connection (a stdio session, or one stateless HTTP request): cheap, as the tools are built already. */
export async function connectMcpServer(transport: Transport, deps: McpDeps): Promise<McpServer> {
  const server = new McpServer(
    { name: 'atomkit', title: deps.answerer.deps.settings.siteTitle, version },
    {
      capabilities: { resources: {} },
      instructions: `The ${deps.answerer.deps.settings.siteTitle} knowledge base. Use search_atoms or ask before answering questions about it, and cite the page URLs returned.`,
      maxToolInputElements: MAX_TOOL_INPUT_ELEMENTS,
    },
  );
  deps.tools(server);
  registerAtomResources(server, deps.catalog);
  await server.connect(transport);
  observeToolCalls(transport, TOOL_NAMES, (tool, outcome) => deps.metrics.mcpToolCalls.inc({ tool, outcome }));
  return server;
}
