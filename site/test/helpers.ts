/** Shared by the site tests: build a fixture atoms tree once, read and parse its pages, check links. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import type { Root } from 'hast';
import { loadConfig, type AtomkitConfig } from '../../tooling/src/config/load.js';
import { buildSite, type BuiltSite } from '../../tooling/src/site/build.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE_ATOMS = fileURLToPath(new URL('./fixtures/atoms/', import.meta.url));
export const INVALID_ATOMS = fileURLToPath(new URL('./fixtures/invalid-atoms/', import.meta.url));

/** The project's config with the atoms folder (and optionally the base path) overridden as CI would. */
export function fixtureConfig(env: Record<string, string> = {}): AtomkitConfig {
  return loadConfig({ cwd: PROJECT_ROOT, env: { ATOMKIT_ATOMS_DIR: FIXTURE_ATOMS, ...env } });
}

/**
 * A fresh scratch folder inside the project (git-ignored, and outside `site/`, which builds must
 * leave alone), where astro and Starlight resolve from as they do in a knowledge base that
 * installs atomkit with its peers.
 */
export function scratchDir(): string {
  const parent = path.join(PROJECT_ROOT, '.atomkit', 'scratch');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, 'build-'));
}

/** Builds the fixture site into a fresh scratch folder (cold cache, so nothing leaks between runs). */
export async function buildFixtureSite(env: Record<string, string> = {}): Promise<BuiltSite> {
  const scratch = scratchDir();
  return buildSite({ config: fixtureConfig(env), outDir: path.join(scratch, 'dist'), cacheDir: path.join(scratch, 'cache'), logLevel: 'warn' });
}

/** Deletes a fixture build (its output and cache). */
export function removeBuild(site: BuiltSite | undefined): void {
  if (site) rmSync(path.dirname(site.outDir), { recursive: true, force: true });
}

/** The file a URL path is served from: `/x/` is `/x/index.html`. */
export function fileForPath(outDir: string, urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  const file = path.join(outDir, decoded);
  return decoded.endsWith('/') ? path.join(file, 'index.html') : existsSync(file) && statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
}

export function readPage(outDir: string, urlPath: string): string {
  return readFileSync(fileForPath(outDir, urlPath), 'utf8');
}

export function parsePage(outDir: string, urlPath: string): Root {
  return fromHtml(readPage(outDir, urlPath));
}

/** Every file under `dir` with its size and modification time, to tell whether anything was written there. */
export function treeSnapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat) files[path.relative(dir, file)] = entry.isDirectory() ? 'dir' : `${stat.size} ${stat.mtimeMs}`;
  }
  return files;
}

export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export interface BrokenLink {
  readonly page: string;
  readonly href: string;
}

/**
 * Every internal `href`/`src` of every page that points at no file in `outDir`, and every
 * `#fragment` link to a built page that has no element with that id.
 */
export function brokenLinks(outDir: string, base: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set(selectAll('[id]', fromHtml(readFileSync(file, 'utf8'))).map((node) => String(node.properties.id)));
      ids.set(file, set);
    }
    return set;
  };
  const prefix = base.replace(/\/?$/, '/');
  for (const file of htmlFiles(outDir)) {
    const pagePath = `${prefix}${path.relative(outDir, file).split(path.sep).join('/')}`.replace(/index\.html$/, '');
    const tree = fromHtml(readFileSync(file, 'utf8'));
    for (const node of selectAll('a[href], link[href], script[src], img[src]', tree)) {
      const raw = String(node.properties.href ?? node.properties.src ?? '');
      if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) continue;
      const url = new URL(raw, `http://site${pagePath}`);
      if (!url.pathname.startsWith(prefix)) {
        broken.push({ page: pagePath, href: raw });
        continue;
      }
      const target = fileForPath(outDir, url.pathname.slice(prefix.length - 1));
      if (!existsSync(target)) broken.push({ page: pagePath, href: raw });
      else if (url.hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) broken.push({ page: pagePath, href: raw });
    }
  }
  return broken;
}
