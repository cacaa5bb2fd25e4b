/**
 * Latency of the MCP `search_atoms` tool over Streamable HTTP beside the same question through
 * `POST /api/query`, in one run of one `atomkit serve`: `npm run bench:mcp [-- <atoms>]`.
 *
 * Builds a lexical index of a generated corpus (1,000 atoms unless a number is given, as
 * `npm run bench` passes it) in a temp folder, starts `atomkit serve` as a child process with the
 * answer cache off, connects the MCP SDK's own client to `/mcp`, then asks each question both ways,
 * alternating, one request at a time (so each figure is service time, not queueing), and prints
 * p50 and p95 of each (and `BENCH` lines for `npm run bench`). Options: --rounds <n> (default 500).
 * First, `atomkit mcp` over stdio: its first `ask` after the start and the one after it, which a
 * client sees when it starts the server for a session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/load.js';
import { buildIndex } from '../src/retrieval/build.js';
import { bench } from './index-corpus.js';
import { corpusTitle, generateCorpus } from './generate-corpus.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '500' } } });
const rounds = Number(values.rounds);
const corpusSize = positionals[0] ? Number(positionals[0]) : 1000;
/** Requests each way before measuring: JIT, SQLite page cache, the index's first reads. */
const WARM_UP = 50;

const work = mkdtempSync(path.join(tmpdir(), 'atomkit-bench-mcp-'));
let child: ChildProcess | undefined;
process.on('exit', () => {
  child?.kill();
  rmSync(work, { recursive: true, force: true });
});

const atomsDir = path.join(work, 'atoms');
generateCorpus({ dir: atomsDir, count: corpusSize });
const QUESTIONS = Array.from({ length: 20 }, (_, i) => `How do I ${corpusTitle(Math.floor((i * corpusSize) / 20)).toLowerCase()}?`);
const configFile = path.join(work, 'atomkit.config.yaml');
writeFileSync(
  configFile,
  stringify({
    atoms: { dir: atomsDir },
    index: { dir: 'index', cache: 'embeddings.sqlite', embedder: { provider: 'none' } },
    bot: { db: 'bot.sqlite', cache: false, rateLimit: { enabled: false }, backup: { everyMinutes: 0 } },
  }),
);

console.log(`Building a lexical index of a generated corpus of ${corpusSize} atoms ...`);
const build = await buildIndex(loadConfig({ file: configFile, cwd: work, env: {} }), { env: {}, onWarning: () => {} });
console.log(`  ${build.manifest.counts.atoms} atoms, ${build.manifest.counts.units} units`);

// Over stdio, as a desktop client starts it: the first `ask` of the process, then the next.
const stdio = new Client({ name: 'atomkit-bench', version: '1.0.0' });
await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [path.join(root, 'bin/atomkit.js'), '-c', configFile, 'mcp'], cwd: work, env: { ...process.env, ATOMKIT_LLM_BASE_URL: '' } as Record<string, string> }));
for (const [name, question] of [
  ['mcp stdio first ask after start', QUESTIONS[0]!],
  ['mcp stdio next ask', QUESTIONS[1]!],
] as const) {
  const started = performance.now();
  const result = await stdio.callTool({ name: 'ask', arguments: { question } });
  const ms = performance.now() - started;
  if (result.isError) throw new Error(`ask failed: ${JSON.stringify(result.content)}`);
  console.log(`${name.padEnd(32)} ${ms.toFixed(1).padStart(7)} ms`);
  bench(name, ms, 'ms', { atoms: build.manifest.counts.atoms });
}
await stdio.close();

child = spawn(process.execPath, [path.join(root, 'bin/atomkit.js'), '-c', configFile, 'serve', '--port', '0', '--workers', '1'], {
  cwd: work,
  env: { ...process.env, ATOMKIT_LLM_BASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child!.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  child!.once('exit', (code) => reject(new Error(`atomkit serve exited with ${code}`)));
});

const client = new Client({ name: 'atomkit-bench', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));

async function viaMcp(question: string): Promise<number> {
  const started = performance.now();
  const result = await client.callTool({ name: 'search_atoms', arguments: { query: question } });
  const ms = performance.now() - started;
  if (result.isError) throw new Error(`search_atoms failed: ${JSON.stringify(result.content)}`);
  return ms;
}

async function viaApi(question: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  await response.json();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`/api/query answered ${response.status}`);
  return ms;
}

const mcp: number[] = [];
const api: number[] = [];
for (let i = 0; i < WARM_UP + rounds; i++) {
  const question = QUESTIONS[i % QUESTIONS.length]!;
  // Alternating which goes first, so neither always finds the other's work in a warm cache.
  const [first, second] = i % 2 === 0 ? [viaMcp, viaApi] : [viaApi, viaMcp];
  const a = await first(question);
  const b = await second(question);
  if (i < WARM_UP) continue;
  (first === viaMcp ? mcp : api).push(a);
  (second === viaMcp ? mcp : api).push(b);
}
await client.close();
const exited = new Promise((resolve) => child.once('exit', resolve));
child.kill('SIGTERM');
await exited;

const at = (times: number[], q: number) => [...times].sort((x, y) => x - y)[Math.min(times.length - 1, Math.floor(q * times.length))]!;
for (const [name, times] of [
  ['mcp search_atoms', mcp],
  ['api query', api],
] as const) {
  console.log(`${name.padEnd(18)} p50 ${at(times, 0.5).toFixed(2).padStart(7)} ms  p95 ${at(times, 0.95).toFixed(2).padStart(7)} ms  (${times.length} calls)`);
  bench(`${name} p50`, at(times, 0.5), 'ms', { atoms: build.manifest.counts.atoms });
  bench(`${name} p95`, at(times, 0.95), 'ms', { atoms: build.manifest.counts.atoms });
}
