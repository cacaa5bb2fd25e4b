/**
 * What `atomkit mcp` runs: the MCP server over stdio, for clients that start it as a subprocess.
 * stdout carries the protocol only; warnings go to stderr. It answers as `atomkit serve` does (same
 * index, conversation store and language model settings) until the client closes stdin.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { projectPath, type AtomkitConfig } from '../../../tooling/src/config/load.js';
import { warnLine, type CliIo } from '../../../tooling/src/cli/io.js';
import { IndexLoadError, openRetriever } from '../../../tooling/src/retrieval/api.js';
import { Answerer } from '../answer/answerer.js';
import { AtomCatalog } from '../mcp/catalog.js';
import { connectMcpServer } from '../mcp/server.js';
import { createTools } from '../mcp/tools.js';
import { createMetrics } from '../metrics.js';
import { answerSettings, llmClient } from '../server.js';
import { openConfiguredStore } from '../store/open.js';
import { warmUp } from '../warm-up.js';

export interface McpCliOptions {
  readonly indexDir?: string;
  readonly db?: string;
}

export async function runMcp(config: AtomkitConfig, options: McpCliOptions, io: CliIo): Promise<number> {
  const warn = (line: string) => warnLine(io, line);
  const llm = await llmClient(config, process.env, warn);
  let retriever;
  try {
    retriever = await openRetriever({ ...config, index: { ...config.index, dir: projectPath(config, options.indexDir ?? config.index.dir) } }, { onWarning: warn });
  } catch (error) {
    if (!(error instanceof IndexLoadError)) throw error;
    io.stderr(`${io.colors.red('error')} ${error.message}\n  ${error.hint}\n`);
    return 2;
  }
  // Before the client's first call, as the chat service does before it listens.
  await warmUp(retriever);
  let store;
  try {
    store = await openConfiguredStore(config, { db: options.db });
  } catch (error) {
    retriever.close();
    io.stderr(`${io.colors.red('error')} ${(error as Error).message}\n`);
    return 2;
  }
  const metrics = createMetrics({ defaults: false });
  const answerer = new Answerer({ retriever, store, metrics, llm, settings: answerSettings(config) });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  try {
    const catalog = new AtomCatalog(config);
    const tools = createTools({
      answerer,
      catalog,
      siteUrl: config.site.url,
      maxQuestionChars: config.bot.maxQuestionChars,
      onInternalError: (error) => io.stderr(`${io.colors.red('error')} tool call failed: ${(error as Error)?.message ?? String(error)}\n`),
    });
    await connectMcpServer(transport, { answerer, catalog, metrics, tools });
    await closed;
  } finally {
    await transport.close();
    await store.close();
    retriever.close();
  }
  return 0;
}
