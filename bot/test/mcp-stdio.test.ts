import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkspace, type Workspace } from './harness.js';
import { mcpBehaviour } from './mcp-behaviour.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/atomkit.js', import.meta.url));

let workspace: Workspace;
let configFile: string;
let client: Client;
let stderr = '';

beforeAll(async () => {
  workspace = await createWorkspace();
  configFile = workspace.config({ maxQuestionChars: 2000 }).file!;
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '-c', configFile, 'mcp'], cwd: ROOT, stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'atomkit-test', version: '1.0.0' });
  await client.connect(transport);
}, 60_000);
afterAll(async () => {
  await client?.close();
  workspace?.remove();
});

describe('atomkit mcp (stdio)', () => {
  mcpBehaviour(() => client);

  test('writes nothing but protocol to stdout, and nothing to stderr on good and bad calls alike', () => {
    expect(stderr).toBe('');
  });
});

/** Runs `atomkit mcp` with these lines on stdin; resolves with its stdout lines, stderr and exit code. */
function runWithInput(args: readonly string[], lines: readonly string[]): Promise<{ out: string[]; err: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ out: out.split('\n').filter(Boolean), err, code }));
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}

describe('atomkit mcp on a raw pipe', () => {
  test('a line that is not JSON-RPC neither crashes the server nor stops the calls after it, and closing stdin exits 0', async () => {
    const ping = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' });
    const { out, code } = await runWithInput(['-c', configFile, 'mcp'], ['{not json', ping(1), '"just a string"', JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no/such/method' }), ping(3)]);
    expect(code).toBe(0);
    const replies = out.map((line) => JSON.parse(line) as { id: number; result?: unknown; error?: { code: number; message: string } });
    expect(replies.find((reply) => reply.id === 1)?.result).toEqual({});
    expect(replies.find((reply) => reply.id === 2)?.error?.code).toBe(-32601);
    expect(replies.find((reply) => reply.id === 3)?.result).toEqual({});
  }, 60_000);

  test('without an index it exits 2 naming the command that builds it, and writes nothing to stdout', async () => {
    const { out, err, code } = await runWithInput(['-c', configFile, 'mcp', '--index-dir', 'no-such-index'], []);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toMatch(/atomkit index/);
    expect(err).not.toMatch(/\n\s+at /);
  }, 60_000);
});
