/**
 * Counts tool calls at the transport, where every outcome passes: calls the SDK refuses before a
 * tool runs (unknown tool, arguments that fail the schema) as well as those a tool answers.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export type ToolOutcome = 'ok' | 'tool_error' | 'protocol_error';

/**
 * Wraps a connected transport so each `tools/call` response reports its tool and outcome. Names
 * that are not in `tools` are reported as `unknown`, so callers cannot grow the label set.
 *
 * @example observeToolCalls(transport, ['ask'], (tool, outcome) => counter.inc({ tool, outcome }));
 */
export function observeToolCalls(transport: Transport, tools: readonly string[], report: (tool: string, outcome: ToolOutcome) => void): void {
  const pending = new Map<string | number, string>();
  const receive = transport.onmessage;
  const send = transport.send.bind(transport);
  transport.onmessage = (message, extra) => {
    if ('method' in message && message.method === 'tools/call' && 'id' in message) {
      const name = (message.params as { name?: unknown } | undefined)?.name;
      pending.set(message.id, typeof name === 'string' && tools.includes(name) ? name : 'unknown');
    }
    receive?.(message, extra);
  };
  transport.send = async (message: JSONRPCMessage, options) => {
    if ('id' in message && message.id !== undefined && !('method' in message)) {
      const tool = pending.get(message.id);
      if (tool !== undefined) {
        pending.delete(message.id);
        report(tool, 'error' in message ? 'protocol_error' : (message.result as { isError?: boolean }).isError ? 'tool_error' : 'ok');
      }
    }
    return send(message, options);
  };
}
