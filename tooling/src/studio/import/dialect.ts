/**
 * Which docs tool a folder was written for: decides how `:::` containers, `!!!` admonitions and
 * `.md` pages are read. Found from the tool's config file in the folder or up to two levels
 * above it, else from front matter keys and syntax only one tool uses.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { DocPage } from './walk.js';

export const DIALECTS = ['markdown', 'starlight', 'docusaurus', 'vitepress', 'mkdocs', 'hugo', 'jekyll', 'myst', 'gitbook'] as const;
export type Dialect = (typeof DIALECTS)[number];

const CONFIG_FILES: readonly [RegExp, Dialect | 'astro'][] = [
  [/^docusaurus\.config\.(?:js|mjs|cjs|ts)$/, 'docusaurus'],
  [/^mkdocs\.ya?ml$/, 'mkdocs'],
  [/^hugo\.(?:toml|ya?ml|json)$/, 'hugo'],
  // Jupyter Book keeps a `_toc.yml` beside its `_config.yml`; Sphinx a `conf.py` (Markdown pages there are MyST).
  [/^_toc\.ya?ml$/, 'myst'],
  [/^conf\.py$/, 'myst'],
  [/^\.gitbook\.ya?ml$/, 'gitbook'],
  [/^_config\.ya?ml$/, 'jekyll'],
  [/^astro\.config\.(?:js|mjs|cjs|ts|mts)$/, 'astro'],
];

/**
 * The dialect of a docs folder.
 *
 * @example detectDialect('/repo/docs', pages) //=> 'docusaurus' (a docusaurus.config.js in /repo)
 */
export function detectDialect(folder: string, pages: readonly DocPage[]): Dialect {
  for (const dir of configFolders(folder)) {
    if (existsSync(path.join(dir, '.vitepress'))) return 'vitepress';
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // A folder above the import that cannot be listed says nothing about the dialect.
      names = [];
    }
    for (const [pattern, dialect] of CONFIG_FILES) {
      const name = names.find((candidate) => pattern.test(candidate));
      if (!name) continue;
      if (dialect !== 'astro') return dialect;
      if (readFileSync(path.join(dir, name), 'utf8').includes('starlight')) return 'starlight';
    }
  }
  return dialectFromPages(pages);
}

/** Where a docs tool's config may be: the folder, and up to two levels above it. */
function configFolders(folder: string): string[] {
  const folders = [folder];
  while (folders.length < 3 && path.dirname(folders.at(-1)!) !== folders.at(-1)) folders.push(path.dirname(folders.at(-1)!));
  return folders;
}

/** Votes from what the pages hold when no config file says. */
function dialectFromPages(pages: readonly DocPage[]): Dialect {
  const votes: Record<Dialect, number> = { markdown: 0, starlight: 0, docusaurus: 0, vitepress: 0, mkdocs: 0, hugo: 0, jekyll: 0, myst: 0, gitbook: 0 };
  for (const { text } of pages) {
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    if (/^(?:sidebar_position|sidebar_label|slug|id|pagination_\w+):/m.test(front)) votes.docusaurus += 2;
    if (/^(?:sidebar|template|hero|banner|tableOfContents|lastUpdated|editUrl):/m.test(front) && !/^layout:/m.test(front)) votes.starlight += 1;
    if (/^(?:layout|outline|aside|navbar|titleTemplate):/m.test(front)) votes.vitepress += 2;
    if (/@astrojs\/starlight/.test(text)) votes.starlight += 3;
    if (/@theme\/|@site\//.test(text)) votes.docusaurus += 3;
    if (/^:::\w+\[/m.test(text)) votes.starlight += 1;
    if (/^::: \w+|^:::\s*code-group|<script setup>/m.test(text)) votes.vitepress += 2;
    if (/^(?:!!!|\?\?\?\+?) \w+|^=== "/m.test(text)) votes.mkdocs += 3;
    if (/\{\{[<%]\s*\/?\s*[\w./-]+[^\n]*?[>%]\}\}/.test(text)) votes.hugo += 3;
    if (/^\+\+\+\r?\n/.test(text)) votes.hugo += 1;
    if (/\{%-?\s*(?:include|highlight|link|raw|comment|if|for|assign)\b/.test(text)) votes.jekyll += 3;
    if (/^\{:\s*[.#]/m.test(text)) votes.jekyll += 2;
    if (/\{%\s*(?:hint|tabs|content-ref|embed|endhint|endtabs)\b/.test(text)) votes.gitbook += 3;
    if (/^(?:nav_order|has_children|grand_parent|permalink):/m.test(front)) votes.jekyll += 2;
    if (/^[ \t]*(?:`{3,}|:{3,})\{[\w:.-]+\}|\{(?:ref|doc|term)\}`/m.test(text)) votes.myst += 3;
    if (/^:::(?:note|tip|info|warning|danger|caution|important)(?: \S.*)?$/m.test(text)) votes.docusaurus += 1;
  }
  const [best, score] = (Object.entries(votes) as [Dialect, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return score > 0 ? best : 'markdown';
}

/**
 * The site variables of a Jekyll folder (its nearest `_config.yml`, up to two levels above), for
 * `{{ site.title }}` in its pages; none when there is no such file or it cannot be read.
 */
export function jekyllSite(folder: string): Readonly<Record<string, unknown>> | undefined {
  for (const dir of configFolders(folder)) {
    for (const name of ['_config.yml', '_config.yaml']) {
      try {
        const site: unknown = parse(readFileSync(path.join(dir, name), 'utf8'));
        if (site !== null && typeof site === 'object' && !Array.isArray(site)) return site as Record<string, unknown>;
      } catch {
        // Missing or not YAML: site variables are then left out of the pages, as unknown ones are.
      }
    }
  }
  return undefined;
}
