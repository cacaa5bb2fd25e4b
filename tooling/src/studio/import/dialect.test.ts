import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { detectDialect } from './dialect.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'atomkit-dialect-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return path.join(root, 'docs');
}

describe('detectDialect', () => {
  test.each([
    ['a docusaurus.config.js above the docs', { 'docusaurus.config.js': '', 'docs/a.md': '' }, 'docusaurus'],
    ['an astro.config.mjs that uses Starlight', { 'astro.config.mjs': "import starlight from '@astrojs/starlight';", 'docs/a.md': '' }, 'starlight'],
    ['a .vitepress folder', { 'docs/.vitepress/config.ts': '', 'docs/a.md': '' }, 'vitepress'],
    ['an mkdocs.yml', { 'mkdocs.yml': 'site_name: x', 'docs/a.md': '' }, 'mkdocs'],
    ['a hugo.toml', { 'hugo.toml': 'baseURL = "/"', 'content/docs/a.md': '' }, 'hugo'],
    ['a Jekyll _config.yml', { '_config.yml': 'title: x', 'docs/a.md': '' }, 'jekyll'],
    ['a Jupyter Book _toc.yml beside its _config.yml', { '_config.yml': 'title: x', '_toc.yml': 'root: intro', 'docs/a.md': '' }, 'myst'],
    ['a Sphinx conf.py', { 'conf.py': "extensions = ['myst_parser']", 'docs/a.md': '' }, 'myst'],
  ])('from %s', (_name, files, dialect) => {
    expect(detectDialect(folder(files), [])).toBe(dialect);
  });

  test.each([
    ['Docusaurus front matter', '---\nid: x\nsidebar_position: 2\n---\n\n:::tip\nx\n:::\n', 'docusaurus'],
    ['VitePress containers with a space', '# X\n\n::: tip Hint\nx\n:::\n', 'vitepress'],
    ['MkDocs admonitions', '# X\n\n!!! note "Hi"\n    x\n', 'mkdocs'],
    ['Jekyll Liquid tags and a just-the-docs nav order', '---\nnav_order: 2\n---\n\n{% include toc.md %}\n', 'jekyll'],
    ['MyST directives and roles', '# X\n\n```{note}\nSee {ref}`install`.\n```\n', 'myst'],
    ['Hugo shortcodes under TOML front matter', '+++\ntitle = "X"\n+++\n\n{{< note >}}\nx\n{{< /note >}}\n', 'hugo'],
    ['nothing of any tool', '# X\n\nJust text.\n', 'markdown'],
  ])('from the pages when no config says: %s', (_name, text, dialect) => {
    expect(detectDialect(folder({ 'docs/a.md': text }), [{ rel: 'a.md', text }])).toBe(dialect);
  });
});
