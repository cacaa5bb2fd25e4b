/**
 * Two real builds of the fixture atoms into one cache folder: the second takes the bodies that did
 * not change from the first and renders the edited one again, and its pages are otherwise the same.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite } from '../../tooling/src/site/build.js';
import { FIXTURE_ATOMS, fixtureConfig, htmlFiles, readPage, scratchDir } from './helpers.js';

let scratch: string;
const bodies = () => path.join(scratch, 'cache', 'atomkit', 'bodies');
const cachedBodies = () => readdirSync(bodies()).filter((name) => name.endsWith('.json'));
let firstBuild: string[];

beforeAll(async () => {
  scratch = scratchDir();
  const atoms = path.join(scratch, 'atoms');
  cpSync(FIXTURE_ATOMS, atoms, { recursive: true });
  const build = (out: string) => buildSite({ config: fixtureConfig({ ATOMKIT_ATOMS_DIR: atoms }), outDir: path.join(scratch, out), cacheDir: path.join(scratch, 'cache'), logLevel: 'warn' });
  await build('first');
  firstBuild = cachedBodies();
  // A cached body marked, to tell a body taken from the cache from one rendered again.
  for (const name of firstBuild) {
    const file = path.join(bodies(), name);
    writeFileSync(file, readFileSync(file, 'utf8').replace('quartermaster ledger mismatch', 'quartermaster ledger mismatch (from the cache)'));
  }
  appendFileSync(path.join(atoms, 'procedure', 'restock-a-warehouse.md'), '\nA sentence added after the first build.\n');
  await build('second');
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('a rebuild takes an unchanged body from the cache', () => {
  expect(readPage(path.join(scratch, 'second'), '/error/inventory-sync-failed/')).toContain('quartermaster ledger mismatch (from the cache)');
});

test('a rebuild renders an edited body again', () => {
  expect(readPage(path.join(scratch, 'second'), '/procedure/restock-a-warehouse/')).toContain('A sentence added after the first build.');
});

test('the cache keeps one body per published atom, the edited atom\'s old body dropped', () => {
  expect(cachedBodies()).toHaveLength(firstBuild.length);
  expect(cachedBodies()).not.toEqual(firstBuild);
});

test('a rebuild writes the same pages as the first build, but for the changed bodies', () => {
  const first = path.join(scratch, 'first');
  const second = path.join(scratch, 'second');
  const changed = ['error/inventory-sync-failed/index.html', 'procedure/restock-a-warehouse/index.html'];
  const pages = htmlFiles(first).map((file) => path.relative(first, file)).filter((page) => !changed.includes(page.split(path.sep).join('/')));
  expect(pages.length).toBeGreaterThan(10);
  for (const page of pages) expect(readFileSync(path.join(second, page), 'utf8'), page).toBe(readFileSync(path.join(first, page), 'utf8'));
});
