/**
 * Pagefind over the same generated corpus, the search a docs site has without atomkit: every atom
 * is indexed as one page (title, summary and body) with Pagefind's Node API, served on 127.0.0.1
 * and searched in headless Chromium as the site's search box does (eval/pagefind.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAtoms } from '../src/atom/load.js';
import { openPagefindSearch, type PagefindSearch } from '../src/eval/pagefind.js';

const CHROMIUM = '/usr/bin/chromium';

/** Why the peer cannot run here, or undefined when it can. */
export function pagefindPeerUnavailable(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}`;
}

/** Writes Pagefind's index of the atoms under `atomsDir` to `<distDir>/pagefind`. */
export async function writePagefindIndex(atomsDir: string, distDir: string): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const atom of loadAtoms({ root: atomsDir })) {
      const header = atom.header;
      if (!header) continue;
      const body = atom.sections.map((section) => section.markdown).join('\n\n');
      await index.addCustomRecord({ url: atom.url, content: `${header.title}\n\n${header.summary}\n\n${body}`, language: header.language ?? 'en', meta: { title: header.title } });
    }
    const written = await index.writeFiles({ outputPath: path.join(distDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

export async function openPagefindPeer(atomsDir: string): Promise<PagefindSearch> {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'atomkit-bench-pagefind-'));
  try {
    await writePagefindIndex(atomsDir, dist);
    const search = await openPagefindSearch({ distDir: dist, base: '/', executablePath: CHROMIUM });
    return {
      search: (text, language, k) => search.search(text, language, k),
      async close() {
        await search.close();
        rmSync(dist, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dist, { recursive: true, force: true });
    throw error;
  }
}
