/**
 * The everyday commands on the oldest Node.js atomkit supports (`engines.node`) and on the newest
 * long-term support line: what they print there, and that they print nothing else (Node.js 22 warns
 * about `node:sqlite`, which the CLI holds back). The chat service's start and stop on them are in
 * bot/test/cli.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INSTALL_TIMEOUT_MS, NEWEST_LTS, nodeOf, OLDEST } from '../node-release.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Lexical only: no embedding model can be had here, and the default (local) embedder would say so on stderr.
const env = { ...process.env, ATOMKIT_EMBEDDER: 'none', CI: 'true' };

describe.each([OLDEST, NEWEST_LTS])('on the $name Node.js ($major)', (release) => {
  let node: string;
  let temp: string;
  let kb: string;
  const atomkit = (args: readonly string[], input?: string) =>
    spawnSync(node, [path.join(ROOT, 'bin/atomkit.js'), ...args], { cwd: kb, encoding: 'utf8', env, timeout: 120_000, ...(input === undefined ? {} : { input }) });

  beforeAll(() => {
    node = nodeOf(release);
    temp = mkdtempSync(path.join(os.tmpdir(), `atomkit-node${release.major}-`));
    kb = path.join(temp, 'kb');
    const init = spawnSync(node, [path.join(ROOT, 'bin/atomkit.js'), 'init', kb], { cwd: temp, encoding: 'utf8', env, timeout: 120_000 });
    expect({ status: init.status, stderr: init.stderr }).toEqual({ status: 0, stderr: '' });
  }, INSTALL_TIMEOUT_MS + 60_000);
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  test.each([
    { args: ['--version'], says: /^\d+\.\d+\.\d+/ },
    { args: ['lint'], says: /0 errors/ },
    { args: ['index'], says: /Indexed \d+ atoms/ },
    { args: ['search', 'how do I write an atom'], says: /confidence/ },
    { args: ['coverage'], says: /atoms/i },
  ])('atomkit $args.0 does its work and prints nothing on stderr', ({ args, says }) => {
    const run = atomkit(args);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(says);
  });

  test('atomkit mcp answers an MCP client on stdin and prints nothing on stderr', () => {
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } };
    const run = atomkit(['mcp'], `${JSON.stringify(initialize)}\n`);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.split('\n')[0]!)).toMatchObject({ id: 1, result: { serverInfo: { name: expect.any(String) } } });
  });
});
