import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';
import { header, procedureBody } from '../../src/lint/test-helpers.js';

let root: string;
const cacheFile = () => path.join(root, '.atomkit', 'lint-cache.json');

function write(file: string, content: string) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-lint-cache-'));
  write('atoms/procedure/drain.md', header({ title: 'Drain the queue', related: '[Restart the queue worker]' }) + procedureBody);
  write('atoms/procedure/restart.md', header() + procedureBody);
  // A file with findings of its own, so cached diagnostics are checked and not only clean files.
  write('atoms/procedure/short.md', `${header({ title: 'Short one', tags: 'queue' })}\nToo short.\n`);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const lintCached = (configText = '') => {
  if (configText) writeFileSync(path.join(root, 'atomkit.config.yaml'), configText);
  return runLint({ config: loadConfig({ cwd: root }), cwd: root, cache: true });
};

test('a second run takes unchanged files from the cache and reports exactly what a full parse reports', async () => {
  const first = await lintCached();
  expect(first.cached).toBe(0);
  expect(existsSync(cacheFile())).toBe(true);
  const second = await lintCached();
  const uncached = await runLint({ config: loadConfig({ cwd: root }), cwd: root });
  expect(second.cached).toBe(3);
  expect(second.diagnostics).toEqual(uncached.diagnostics);
  expect(second.diagnostics.some((d) => d.file === 'atoms/procedure/short.md' && d.code === 'frontmatter/schema')).toBe(true);
});

test('an edited file is parsed again, and only that one', async () => {
  await lintCached();
  write('atoms/procedure/short.md', `${header({ title: 'Short one' })}${procedureBody}`);
  const after = await lintCached();
  expect(after.cached).toBe(2);
  expect(after.diagnostics.filter((d) => d.file === 'atoms/procedure/short.md')).toEqual([]);
});

test('cross-file checks run on every run: a title renamed in one atom breaks the cached atom that links to it', async () => {
  await lintCached();
  write('atoms/procedure/restart.md', header({ title: 'Restart the queue worker safely' }) + procedureBody);
  const after = await lintCached();
  expect(after.cached).toBe(2);
  const broken = after.diagnostics.find((d) => d.code === 'related/unresolved');
  expect(broken).toMatchObject({ file: 'atoms/procedure/drain.md', start: { line: 9 } });
  expect(broken?.message).toContain('Restart the queue worker safely');
});

test('a config change that alters results drops the whole cache', async () => {
  await lintCached();
  const after = await lintCached('lint:\n  rules:\n    frontmatter/schema: warn\n');
  expect(after.cached).toBe(0);
  expect(after.diagnostics.find((d) => d.code === 'frontmatter/schema')?.severity).toBe('warn');
});

test('a corrupt or foreign cache file is ignored and rewritten', async () => {
  for (const junk of ['{not json', '[]', '{"format":1,"fingerprint":"x","entries":{"atoms/procedure/short.md":null}}', '\u0000\u0001']) {
    write('.atomkit/lint-cache.json', junk);
    const run = await lintCached();
    expect(run.cached).toBe(0);
    expect(run.diagnostics.some((d) => d.file === 'atoms/procedure/short.md')).toBe(true);
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8'))).toMatchObject({ format: 1 });
  }
});

test.each([
  ['diagnostics that are not a list', { diagnostics: 'nope' }],
  ['a diagnostic without a position', { diagnostics: [{ code: 'x', severity: 'error', message: 'm', file: 'atoms/procedure/short.md' }] }],
  ['a diagnostic with an unknown severity', { diagnostics: [{ code: 'x', severity: 'fatal', message: 'm', file: 'f', start: { line: 1, column: 1 } }] }],
  ['facts without related titles', { diagnostics: [], facts: { file: 'f', id: 'i' } }],
])('a cache entry with %s is not trusted', async (_, tampered) => {
  await lintCached();
  const stored = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, { result: unknown }> };
  stored.entries['atoms/procedure/short.md']!.result = tampered;
  writeFileSync(cacheFile(), JSON.stringify(stored));
  const run = await lintCached();
  expect(run.cached).toBe(2);
  expect(run.diagnostics.some((d) => d.file === 'atoms/procedure/short.md' && d.code === 'frontmatter/schema')).toBe(true);
});

test('deleted atoms leave the cache', async () => {
  await lintCached();
  rmSync(path.join(root, 'atoms/procedure/short.md'));
  await lintCached();
  const stored = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { entries: Record<string, unknown> };
  expect(Object.keys(stored.entries).sort()).toEqual(['atoms/procedure/drain.md', 'atoms/procedure/restart.md']);
});

test('`atomkit lint --cache` says how many files came from the cache; `--no-cache` overrides the config', async () => {
  const run = async (...args: string[]) => {
    const io = memoryIo();
    const code = await main(['--cwd', root, 'lint', '--no-color', ...args], io);
    return { code, out: io.out, err: io.err };
  };
  expect((await run('--cache')).out).toMatch(/3 files checked: 4 errors/);
  expect((await run('--cache')).out).toMatch(/3 files checked \(3 unchanged, from the cache\): 4 errors/);
  writeFileSync(path.join(root, 'atomkit.config.yaml'), 'lint:\n  cache: true\n');
  expect((await run()).out).toMatch(/\(3 unchanged, from the cache\)/);
  expect((await run('--no-cache')).out).toMatch(/3 files checked: 4 errors/);
  const elsewhere = path.join(root, 'elsewhere', 'cache.json');
  await run('--cache', '--cache-location', 'elsewhere/cache.json');
  expect(existsSync(elsewhere)).toBe(true);
});

test('a cache that cannot be written is a warning, and the results are still complete', async () => {
  write('blocked', 'a file where the cache folder should be');
  const io = memoryIo();
  const code = await main(['--cwd', root, 'lint', '--no-color', '--cache', '--cache-location', 'blocked/cache.json'], io);
  expect(code).toBe(1);
  expect(io.err).toMatch(/lint cache could not be written/);
  expect(io.out).toMatch(/3 files checked: 4 errors/);
});
