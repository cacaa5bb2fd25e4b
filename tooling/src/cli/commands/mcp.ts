/** `atomkit mcp`: the knowledge base as an MCP server on stdio (`atomkit serve` serves it at /mcp). */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineMcp: DefineCommand = (program, io, setExitCode) => {
  program
    .command('mcp')
    .description('run the MCP server on stdin/stdout, for MCP clients that start it (search, read and ask the atoms)')
    .option('--index-dir <dir>', 'search index folder built by `atomkit index` (default: index.dir)')
    .option('--db <file>', 'SQLite file for threads and the answer cache (default: bot.db)')
    .action(async (options: { indexDir?: string; db?: string }, command) => {
      const { loadWithMcpSdk } = await import('../../../../bot/src/mcp/optional.js');
      const { runMcp } = await loadWithMcpSdk(() => import('../../../../bot/src/cli/mcp.js'));
      setExitCode(await runMcp(configFor(command), options, io));
    });
};
