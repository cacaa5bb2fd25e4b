import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESOURCE_POLICY } from '../src/http/security-headers.js';
import { createWorkspace, startTestServer, type TestServer, type Workspace } from './harness.js';
import { mcpBehaviour } from './mcp-behaviour.js';

let workspace: Workspace;
let server: TestServer;
let client: Client;

async function connect(url: string): Promise<Client> {
  const connected = new Client({ name: 'atomkit-test', version: '1.0.0' });
  await connected.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return connected;
}

beforeAll(async () => {
  workspace = await createWorkspace();
  server = await startTestServer(workspace, { maxQuestionChars: 2000 });
  client = await connect(server.url);
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  workspace?.remove();
});

const MCP_ACCEPT = { accept: 'application/json, text/event-stream' };
const rpc = (method: string, params: unknown, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('POST /mcp (Streamable HTTP on atomkit serve)', () => {
  mcpBehaviour(() => client);

  test('answers as an API response: JSON with the resource security policy and nosniff', async () => {
    const response = await server.post('/mcp', rpc('tools/list', {}), MCP_ACCEPT);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-security-policy')).toBe(RESOURCE_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(((await response.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(4);
  });

  test('malformed JSON is a JSON-RPC parse error, not a crash', async () => {
    const response = await server.post('/mcp', '{"jsonrpc": "2.0", "method": ', MCP_ACCEPT);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: Invalid JSON' }, id: null });
    expect((await server.post('/mcp', rpc('ping', {}), MCP_ACCEPT)).status).toBe(200);
  });

  test('a body that is not JSON-RPC is an invalid-request error', async () => {
    const response = await server.post('/mcp', '[1, 2, 3]', MCP_ACCEPT);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  test('keeps the JSON-only rule: a form or plain-text body gets the API 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await server.post('/mcp', rpc('ping', {}), { ...MCP_ACCEPT, 'content-type': type });
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  test('an oversized call is refused with the API 413 before anything parses it', async () => {
    const response = await server.post('/mcp', rpc('tools/call', { name: 'ask', arguments: { question: 'x'.repeat(70_000) } }), MCP_ACCEPT);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ATOMKIT_ERR_BODY_TOO_LARGE');
    await expect(client.callTool({ name: 'ask', arguments: { question: 'x'.repeat(70_000) } })).rejects.toThrow(/ATOMKIT_ERR_BODY_TOO_LARGE/);
  });

  test('other methods get 405 with Allow: POST (the server keeps no sessions to stream or delete)', async () => {
    for (const method of ['GET', 'DELETE', 'PUT']) {
      const response = await fetch(`${server.url}/mcp`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  test('/metrics counts tool calls by tool and outcome, unknown tool names under one label', async () => {
    const counted = await startTestServer(workspace, { maxQuestionChars: 2000 });
    const counting = await connect(counted.url);
    try {
      await counting.callTool({ name: 'search_atoms', arguments: { query: 'lint' } });
      await counting.callTool({ name: 'search_atoms', arguments: { query: 'lint' } });
      await counting.callTool({ name: 'ask', arguments: { question: 'x'.repeat(2001) } });
      await counting.callTool({ name: 'made_up_tool_1', arguments: {} });
      await counting.callTool({ name: 'made_up_tool_2', arguments: {} });
      const metrics = await (await counted.get('/metrics')).text();
      expect(metrics).toContain('atomkit_mcp_tool_calls_total{tool="search_atoms",outcome="ok"} 2');
      expect(metrics).toContain('atomkit_mcp_tool_calls_total{tool="ask",outcome="tool_error"} 1');
      expect(metrics).toContain('atomkit_mcp_tool_calls_total{tool="unknown",outcome="tool_error"} 2');
      expect(metrics).not.toContain('made_up_tool');
    } finally {
      await counting.close();
      await counted.close();
    }
  });

  test('is rate limited per address like the chat API', async () => {
    const limited = await startTestServer(workspace, { rateLimit: { enabled: true, max: 3, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.post('/mcp', rpc('ping', {}), MCP_ACCEPT)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const response = await limited.post('/mcp', rpc('ping', {}), MCP_ACCEPT);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ATOMKIT_ERR_RATE_LIMITED');
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});
