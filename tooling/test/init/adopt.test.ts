/**
 * A new team adopts atomkit the way the README says: the packed tarball installed as a tool, then
 * again in their knowledge base from the npm cache alone (`--offline`), `atomkit init --yes`, one
 * atom of their own, then lint, index, site build, serve, `npm start` and the studio in their
 * folder. Nothing may be written inside the installed package.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const temp = mkdtempSync(path.join(os.tmpdir(), 'atomkit-adopt-'));
let server: ChildProcess | undefined;
let dev: ChildProcess | undefined;
let started: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  dev?.kill('SIGKILL');
  started?.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

const npm = (args: string[], cwd: string) => {
  const run = (line: string[]) => spawnSync('npm', [...line, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  let result = run(args);
  // --prefer-offline trusts a package document the machine's cache has kept from before a version
  // was published, and npm then finds no such version (ETARGET): the registry's current one settles it.
  if (result.status !== 0 && /ETARGET/.test(result.stderr)) result = run(args.map((arg) => (arg === '--prefer-offline' ? '--prefer-online' : arg)));
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
};

/** Starts a long-running atomkit command in `cwd` and resolves with the URL it says it listens on. */
function listening(bin: string, args: readonly string[], cwd: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  started = child;
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s/]+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`atomkit ${args.join(' ')} exited (${code}):\n${output}`)));
  });
}

/** Every file under `dir` with its size and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const info = statSync(path.join(dir, name));
      return `${name} ${info.size} ${info.mtimeMs}`;
    });
}

const ATOM = `---
title: Restart the orders queue worker
summary: How on-call engineers restart the orders queue worker when messages stop draining.
type: procedure
author: Dana Example
created: 2026-11-30
version: 1.0.0
tags: [orders, queue]
related: []
---

## Prerequisites

- Shell access to the orders hosts, and the on-call role in the deploy tool.
- The queue dashboard open, to see the backlog drain afterwards.

## Steps

1. Check the backlog first. The orders queue worker listens on port 7311 for health checks; run
   \`curl -s localhost:7311/health\` on the worker host and note the backlog figure it reports.
2. Drain the worker: \`orders-worker drain --wait 60\`. It stops taking new messages and finishes
   the ones it holds, so nothing is processed twice.
3. Restart the service with \`systemctl restart orders-worker\` and wait until the health check on
   port 7311 answers again.
4. Watch the backlog on the dashboard for five minutes. It should fall steadily; if it does not,
   page the orders team lead.

## Verify

The health endpoint reports \`status: ok\`, the backlog falls, and no message appears twice in the
orders audit log.
${' The worker keeps its place in the queue across a restart because offsets are committed only after an order is stored.'.repeat(25)}
`;

let tarball: string;
let shipped: string[];
// A tool folder to run `init` from, as `npx atomkit init` would: atomkit installed with its
// dependencies outside any knowledge base.
const tools = path.join(temp, 'tools');

beforeAll(() => {
  // The package exactly as it would be published (dist/ is built by the test setup).
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', temp], ROOT)) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(temp, packed[0]!.filename);
  shipped = packed[0]!.files.map((file) => file.path);
  mkdirSync(tools);
  writeFileSync(path.join(tools, 'package.json'), '{"name":"tools","private":true}\n');
  // The registry only for what the cache lacks: `npm ci` caches the lockfile's package documents
  // in the short form, and a tarball's dependencies are resolved from the full ones.
  npm(['install', '--prefer-offline', tarball], tools);
}, 300_000);

test('a packed atomkit installed offline scaffolds, lints, indexes, builds and serves a knowledge base of its own', async () => {
  expect(shipped).toContain('dist/browser/widget/atom-chat.js');
  expect(shipped.filter((file) => /\.test\.|^eval\/|^atoms\/|screenshots|^tooling\/(?!templates\/)|^patches\//.test(file))).toEqual([]);

  const init = spawnSync(path.join(tools, 'node_modules/.bin/atomkit'), ['init', 'acme-kb', '--yes', '--name', 'Acme'], { cwd: temp, encoding: 'utf8' });
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);

  const kb = path.join(temp, 'acme-kb');
  const manifest = JSON.parse(readFileSync(path.join(kb, 'package.json'), 'utf8'));
  // Not on the registry yet: the team points at the tarball.
  manifest.devDependencies.atomkit = `file:${tarball}`;
  writeFileSync(path.join(kb, 'package.json'), JSON.stringify(manifest, null, 2));
  npm(['install', '--offline'], kb);
  writeFileSync(path.join(kb, 'atoms/procedure/restart-the-orders-queue-worker.md'), ATOM);

  const installed = path.join(kb, 'node_modules/atomkit');
  const before = snapshot(installed);
  const atomkit = (args: string[]) => spawnSync(path.join(kb, 'node_modules/.bin/atomkit'), args, { cwd: kb, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

  const lint = atomkit(['lint']);
  expect(lint.stdout + lint.stderr).toMatch(/0 errors/);
  expect(lint.status).toBe(0);
  const index = atomkit(['index']);
  expect(index.status).toBe(0);
  expect(index.stderr).toContain('npm install -D'); // the one sentence about the optional model stack
  const site = atomkit(['site', 'build']);
  expect(site.stderr).not.toMatch(/error/i);
  expect(site.status).toBe(0);
  const page = readFileSync(path.join(kb, 'site/dist/procedure/restart-the-orders-queue-worker/index.html'), 'utf8');
  expect(page).toContain('Acme knowledge base');
  expect(page).not.toMatch(/atomkit\.(dev|github\.io)|github\.com\/atomkit/);

  server = spawn(path.join(kb, 'node_modules/.bin/atomkit'), ['serve', '--port', '0', '--site', 'site/dist'], { cwd: kb, stdio: ['ignore', 'pipe', 'pipe'] });
  let started = '';
  const url = await new Promise<string>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      started += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(started);
      // The MCP line is the last of the summary.
      if (match && /\n {2}mcp: .*\n/.test(started)) resolve(match[1]!);
    });
    server!.once('exit', (code) => reject(new Error(`serve exited (${code}): ${started}`)));
  });
  const response = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'how do I restart the orders queue worker?' }) });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { citations: { url: string }[] };
  expect(answer.citations[0]?.url).toMatch(/^\/procedure\/restart-the-orders-queue-worker\//);
  const widget = await fetch(`${url}/widget/atom-chat.js`);
  expect(widget.status).toBe(200);
  expect(await widget.text()).toContain('customElements.define("atom-chat"');

  // The MCP SDK is an optional peer too: serve starts without it and says so, `/mcp` answers in the
  // API's error format, and `atomkit mcp` stops in one sentence.
  const mcpSentence = 'The MCP server (`atomkit mcp`, and `/mcp` of `atomkit serve`) needs the optional package @modelcontextprotocol/sdk: install it next to atomkit (`npm install -D @modelcontextprotocol/sdk`)';
  expect(started).toContain(`  mcp: off. ${mcpSentence}`);
  const mcp = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  expect(mcp.status).toBe(501);
  expect(await mcp.json()).toEqual({ error: { code: 'ATOMKIT_ERR_MCP_UNAVAILABLE', message: expect.stringContaining(mcpSentence) } });
  server.kill('SIGTERM');
  const stdio = atomkit(['mcp']);
  expect(stdio.status).toBe(2);
  expect(stdio.stdout).toBe('');
  expect(stdio.stderr.trim().split('\n')).toEqual([expect.stringContaining(mcpSentence)]);

  // openai and pg are optional peers: a model endpoint or a PostgreSQL store configured without
  // its package stops serve at start, in one sentence.
  for (const [env, sentence] of [
    [{ ATOMKIT_LLM_BASE_URL: 'http://127.0.0.1:9/v1' }, 'Answers from a language model (bot.llm) needs the optional package openai: install it next to atomkit (`npm install -D openai`)'],
    [{ ATOMKIT_DATABASE_URL: 'postgres://kb@127.0.0.1:9/kb' }, 'The PostgreSQL store (bot.store: postgres://…) needs the optional package pg: install it next to atomkit (`npm install -D pg`)'],
  ] as const) {
    const configured = spawnSync(path.join(kb, 'node_modules/.bin/atomkit'), ['serve', '--port', '0'], { cwd: kb, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    expect(configured.status).toBe(2);
    expect(configured.stdout).not.toContain('listening');
    expect(configured.stderr).toContain(sentence);
    expect(configured.stderr).not.toMatch(/^\s+at /m);
  }

  // What the README's first steps run, `npm start` (the knowledge base's start script: atomkit
  // start), and the authoring studio: neither may need a package atomkit is only built with.
  const start = await listening(path.join(kb, 'node_modules/.bin/atomkit'), ['start', '--port', '0'], kb);
  const home = await fetch(`${start.url}/procedure/restart-the-orders-queue-worker/`);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('Acme knowledge base');
  const asked = await fetch(`${start.url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'how do I restart the orders queue worker?' }) });
  expect(asked.status).toBe(200);
  expect(start.output()).not.toMatch(/internal error/);
  start.child.kill('SIGTERM');
  const studio = await listening(path.join(kb, 'node_modules/.bin/atomkit'), ['studio', '--port', '0'], kb);
  const app = await fetch(`${studio.url}/`);
  expect(app.status).toBe(200);
  expect(await app.text()).toMatch(/<script type="module"[^>]* src="\/assets\//);
  studio.child.kill('SIGTERM');

  expect(snapshot(installed)).toEqual(before);
}, 900_000);

test('an atomkit installed outside the knowledge base folder (npm link, a file: dependency, a pnpm store) builds and serves its site', async () => {
  const init = spawnSync(path.join(tools, 'node_modules/.bin/atomkit'), ['init', 'linked-kb', '--yes', '--name', 'Linked'], { cwd: temp, encoding: 'utf8' });
  expect(init.status).toBe(0);
  const kb = path.join(temp, 'linked-kb');
  rmSync(path.join(kb, 'atoms'), { recursive: true });
  mkdirSync(path.join(kb, 'atoms/procedure'), { recursive: true });
  writeFileSync(path.join(kb, 'atoms/procedure/restart-the-orders-queue-worker.md'), ATOM);
  writeFileSync(path.join(kb, 'atoms/procedure/restart-the-billing-queue-worker.md'), ATOM.replace('title: Restart the orders queue worker', 'title: Restart the billing queue worker'));
  // What npm makes of `npm link atomkit` and of a `file:` folder, and pnpm of its store: the
  // knowledge base's node_modules/atomkit is a link to a package (with its dependencies beside it)
  // whose real path lies outside the knowledge base.
  const installed = path.join(tools, 'node_modules/atomkit');
  mkdirSync(path.join(kb, 'node_modules'));
  symlinkSync(installed, path.join(kb, 'node_modules/atomkit'), 'junction');
  const before = snapshot(installed);
  const bin = path.join(kb, 'node_modules/atomkit/bin/atomkit.js');

  const site = spawnSync(process.execPath, [bin, 'site', 'build'], { cwd: kb, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  expect(site.stderr).not.toMatch(/error/i);
  expect(site.status).toBe(0);
  for (const slug of ['restart-the-orders-queue-worker', 'restart-the-billing-queue-worker']) {
    expect(readFileSync(path.join(kb, `site/dist/procedure/${slug}/index.html`), 'utf8')).toContain('Linked knowledge base');
  }

  // The dev server serves the package's own styles and Starlight's from where they really are.
  dev = spawn(process.execPath, [bin, 'site', 'dev', '--port', '0'], { cwd: kb, stdio: ['ignore', 'pipe', 'pipe'] });
  let started = '';
  const url = await new Promise<string>((resolve, reject) => {
    dev!.stdout!.on('data', (chunk: Buffer) => {
      started += chunk.toString();
      const match = /Serving the docs site at (http:\/\/\S+)/.exec(started);
      if (match) resolve(match[1]!);
    });
    dev!.once('exit', (code) => reject(new Error(`site dev exited (${code}): ${started}`)));
  });
  const page = await fetch(new URL('procedure/restart-the-orders-queue-worker/', url));
  expect(page.status).toBe(200);
  const assets = [...(await page.text()).matchAll(/(?:src|href)="(\/@fs\/[^"?]+)/g)].map((match) => match[1]!);
  expect(assets).toContain(`/@fs${realpathSync(installed)}/dist/site/src/styles/atomkit.css`);
  const statuses = await Promise.all(assets.map(async (asset) => `${(await fetch(new URL(asset, url))).status} ${asset}`));
  expect(statuses.filter((status) => !status.startsWith('200 '))).toEqual([]);
  dev.kill('SIGTERM');

  expect(snapshot(installed)).toEqual(before);
}, 600_000);

test('hnswlib-node installed without its build (npm 12 skips an unapproved install script) leaves index lexical and says how to approve and rebuild it', () => {
  const init = spawnSync(path.join(tools, 'node_modules/.bin/atomkit'), ['init', 'dense-kb', '--yes'], { cwd: temp, encoding: 'utf8' });
  expect(init.status).toBe(0);
  const kb = path.join(temp, 'dense-kb');
  // What npm 12 installs by default: the package, its install script (node-gyp rebuild) not run.
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/hnswlib-node/package.json'), 'utf8')) as { version: string }).version;
  npm(['install', '--prefer-offline', '--ignore-scripts', `hnswlib-node@${version}`], tools);
  const index = (args: string[]) => spawnSync(path.join(tools, 'node_modules/.bin/atomkit'), ['index', ...args], { cwd: kb, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const sentence =
    "Dense retrieval (the HNSW vector index) needs the optional package hnswlib-node, but its native addon was never built (npm 12 and later skip a dependency's install script until the project approves it): run `npm install-scripts approve hnswlib-node` and `npm rebuild hnswlib-node`, then the command again.";

  const lexical = index([]);
  expect({ status: lexical.status, stderr: lexical.stderr }).toEqual({ status: 0, stderr: `warning: building the lexical index only: ${sentence}\n` });
  expect(lexical.stdout).toContain('Dense retrieval: off');
  const required = index(['--require-dense']);
  expect({ status: required.status, stderr: required.stderr.trim() }).toEqual({ status: 2, stderr: expect.stringContaining(`Dense retrieval was required (--require-dense) but is unavailable: ${sentence}`) });
  expect(required.stderr).not.toMatch(/internal error|^\s+at /m);
}, 300_000);
