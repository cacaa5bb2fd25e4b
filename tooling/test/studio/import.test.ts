import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LINK_OUTSIDE_MESSAGE } from '../../src/atom/outside-links.js';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';
import { copyFixture, makeProject, run, snapshotTree } from './helpers.js';

function docsProject(): string {
  const dir = makeProject();
  copyFixture('docs', dir);
  return dir;
}

interface ImportReport {
  pages: number;
  skipped: { rel: string; reason: string }[];
  notes: string[];
  drafts: { title: string; type: string; path: string; status: string; reasons: string[] }[];
  written: number;
}

describe('atomkit import', () => {
  test('maps pages to typed drafts, reports what it could not map, and the drafts lint without errors', async () => {
    const dir = docsProject();
    const result = await run(dir, 'import', 'docs', '--json', '--max-depth', '3');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report.drafts.map((d) => [d.title, d.type])).toEqual([
      ['Installing the widget service', 'procedure'],
      ['Widget Service', 'interface-input'],
      ['Limits in JSON front matter', 'interface-input'],
      ['Widget options', 'interface-input'],
    ]);
    expect(report.skipped.map((s) => s.rel)).toEqual(['guides/deep/a/b', 'guides/image.md']);
    expect(report.skipped[1]!.reason).toContain('binary');
    expect(report.notes.join('\n')).toContain('guides/broken-front.md: front matter cannot be read');
    expect(report.notes.join('\n')).toContain('guides/install.md: link to `../nowhere.md` has no imported target; kept as written');
    expect(report.written).toBe(4);
    const install = readFileSync(path.join(dir, 'atoms/procedure/installing-the-widget-service.md'), 'utf8');
    // The folder is called `docs`: that names no project, and is no tag.
    expect(install).toContain('tags: [guides, imported]');
    expect(install).toContain('related:\n  - Widget options');
    // Tables and lists arrive intact, and links between pieces point at the new atom pages.
    expect(install).toContain('| file | purpose |\n| --- | --- |\n| `widgets.toml` | configuration |');
    expect(install).toContain('[the options](/interface-input/widget-options/)');
    // A link with no imported target stays a link, as written.
    expect(install).toContain('[a missing page](../nowhere.md)');
    const index = readFileSync(path.join(dir, 'atoms/interface-input/widget-service.md'), 'utf8');
    expect(index).toContain('summary: The widget service turns orders into widgets for every warehouse in the region.');
    expect(index).toContain('[options](/interface-input/widget-options/#timeouts)');
    expect(readFileSync(path.join(dir, 'atoms/interface-input/widget-options.md'), 'utf8')).toContain('```yaml\ntimeout: 30\n```');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('--dry-run writes nothing, and a second import reports collisions instead of overwriting', async () => {
    const dir = docsProject();
    const before = snapshotTree(dir);
    await run(dir, 'import', 'docs', '--dry-run');
    expect(snapshotTree(dir)).toEqual(before);
    await run(dir, 'import', 'docs');
    const afterFirst = snapshotTree(dir);
    const again = JSON.parse((await run(dir, 'import', 'docs', '--json')).out) as ImportReport;
    expect(again.drafts.every((d) => d.status === 'collision')).toBe(true);
    expect(snapshotTree(dir)).toEqual(afterFirst);
  });

  test('a huge page is skipped with its size, not read', async () => {
    const dir = makeProject({ 'atomkit.config.yaml': 'lint:\n  maxFileBytes: 2048\n', 'docs/huge.md': `# Huge\n\n${'word '.repeat(2000)}\n`, 'docs/ok.md': '# Fine\n\nA small page that imports without trouble at all.\n' });
    const report = JSON.parse((await run(dir, 'import', 'docs', '--json')).out) as ImportReport;
    expect(report.skipped).toEqual([{ rel: 'huge.md', reason: 'The file is 10 KB, over the 2 KB limit.' }]);
    expect(report.written).toBe(1);
  });

  test('when one file cannot be written, none are (no partial imports)', async () => {
    const dir = docsProject();
    // A plain file where the procedure folder must go makes one write fail after planning.
    writeFileSync(path.join(dir, 'atoms/procedure'), 'not a folder');
    const result = await run(dir, 'import', 'docs');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Nothing was written');
    expect(readdirSync(path.join(dir, 'atoms')).sort()).toEqual(['procedure']);
  });

  test('a folder link loop is walked once and a dangling link is reported', async () => {
    const dir = makeProject({ 'docs/page.md': '# Page\n\nOne page that links to nothing and imports fine.\n' });
    symlinkSync(path.join(dir, 'docs'), path.join(dir, 'docs/loop'));
    symlinkSync(path.join(dir, 'docs/missing.md'), path.join(dir, 'docs/dangling.md'));
    const report = JSON.parse((await run(dir, 'import', 'docs', '--json')).out) as ImportReport;
    expect(report.pages).toBe(1);
    expect(report.skipped).toEqual([{ rel: 'dangling.md', reason: 'a link to nothing, or a link loop' }]);
  });

  test('a link out of the imported folder is skipped and never read', async () => {
    const dir = makeProject({ 'docs/page.md': '# Page\n\nOne page that links to nothing and imports fine.\n', 'secret/key.md': '# SECRET\n\nSECRET_TOKEN=x, never to be imported.\n' });
    symlinkSync(path.join(dir, 'secret/key.md'), path.join(dir, 'docs/innocent.md'));
    symlinkSync(path.join(dir, 'secret'), path.join(dir, 'docs/more'));
    const result = await run(dir, 'import', 'docs', '--json');
    expect(result.out).not.toContain('SECRET');
    const report = JSON.parse(result.out) as ImportReport;
    expect(report.pages).toBe(1);
    expect(report.skipped).toEqual([
      { rel: 'innocent.md', reason: LINK_OUTSIDE_MESSAGE },
      { rel: 'more', reason: 'a link to a folder outside the imported folder; not read' },
    ]);
  });

  test("a draft's summary reads links, by reference too, and code as their words", async () => {
    const agent = [
      '# Agent',
      '',
      '<!--introduced_in=v3.2.0-->',
      '',
      'An `Agent` dispatches requests against multiple origins, reusing a per-origin [`Pool`][] (or [`Client`][client]) on demand.',
      '',
      '[`Pool`]: pool.md',
      '[client]: client.md',
      '',
    ].join('\n');
    const dir = makeProject({ 'docs/agent.md': agent, 'docs/pool.md': '# Pool\n\nA pool of connections to one origin.\n', 'docs/client.md': '# Client\n\nOne connection to one origin.\n' });
    expect((await run(dir, 'import', 'docs')).code).toBe(0);
    expect(readFileSync(path.join(dir, 'atoms/interface-input/agent.md'), 'utf8')).toContain(
      'summary: An Agent dispatches requests against multiple origins, reusing a per-origin Pool (or Client) on demand.',
    );
  });

  test('a page titled in two letters is named with its folder, the imported one for a page at the top', async () => {
    const dir = makeProject({ 'readmes/qs.md': '# qs\n\nA querystring parsing and stringifying library.\n', 'readmes/lib/io.md': '# io\n\nStreams in and out of files and sockets.\n' });
    const result = await run(dir, 'import', 'readmes', '--json');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as ImportReport).drafts.map((d) => d.title).sort()).toEqual(['io (lib)', 'qs (readmes)']);
  });

  test('a page of every rule beside a page per rule imports as the rules, the page of all of them reported as their repeat', async () => {
    const rule = (what: string) => `This rule is triggered when ${what}, which makes the document harder to read.\n\n\`\`\`markdown\n# fails because ${what}\n\`\`\``;
    const dir = makeProject({
      'docs/Rules.md': `# Rules\n\n## MD001 - Heading levels\n\n${rule('heading levels skip one')}\n\n## MD003 - Heading style\n\n${rule('heading styles are mixed')}\n`,
      'docs/md001.md': `# MD001 - Heading levels\n\n${rule('heading levels skip one')}\n`,
      'docs/md003.md': `# MD003 - Heading style\n\n${rule('heading styles are mixed')}\n`,
      'docs/guide.md': '# Style guide\n\nKeep one heading style across a document: see [the rule](Rules.md#md003---heading-style) for what the linter checks.\n',
    });
    const result = await run(dir, 'import', 'docs', '--json');
    expect(result.code).toBe(0);
    const drafts = (JSON.parse(result.out) as ImportReport).drafts;
    expect(drafts.filter((draft) => draft.status === 'new').map((draft) => draft.title).sort()).toEqual(['MD001 - Heading levels', 'MD003 - Heading style', 'Style guide']);
    expect(drafts.find((draft) => draft.title === 'Rules')).toMatchObject({ status: 'near-duplicate', reasons: ['every paragraph is also in `MD001 - Heading levels`, `MD003 - Heading style`'] });
    // A link into the page of every rule goes to the rule's own page.
    const guide = drafts.find((draft) => draft.title === 'Style guide')!;
    const md003 = drafts.find((draft) => draft.title === 'MD003 - Heading style')!;
    expect(readFileSync(path.join(dir, guide.path), 'utf8')).toContain(`[the rule](/${md003.path.replace(/^atoms\//, '').replace(/\.md$/, '')}/)`);
  });

  test('a translated page becomes an atom in its locale folder that names what it translates; a language the knowledge base lacks is reported, not imported', async () => {
    const dir = makeProject({
      'atomkit.config.yaml': 'atoms:\n  locales: [ja]\n',
      'docs/guide/setup.md': '# Set up the service\n\nInstall it on a machine that runs every night.\n\n## Steps\n\n1. Install the service:\n\n   ```sh\n   npm install widget-service\n   ```\n\n2. Then [configure it](../README.md).\n',
      'docs/ja/guide/setup.md': '# サービスをセットアップする\n\n毎晩動いているマシンにインストールします。\n\n## 手順\n\n1. サービスをインストールします。\n\n   ```sh\n   npm install widget-service\n   ```\n\n2. それから[設定します](../README.ja.md)。\n',
      'docs/README.md': 'The service turns orders into widgets for every warehouse in the region.\n',
      'docs/README.ja.md': 'このサービスは、地域のすべての倉庫向けに注文をウィジェットに変えます。\n',
      'docs/README.es.md': 'El servicio convierte los pedidos en widgets para todos los almacenes de la región.\n',
    });
    const result = await run(dir, 'import', 'docs', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as ImportReport;
    expect(report.skipped).toEqual([{ rel: 'README.es.md', reason: "written in Spanish (`es`), which is not one of the knowledge base's languages (`atoms.locales`); not imported" }]);
    expect(report.drafts.map((draft) => [draft.path, draft.title, draft.status])).toEqual([
      ['atoms/ja/interface-input/readme.md', 'README', 'new'],
      ['atoms/interface-input/readme.md', 'README', 'new'],
      ['atoms/procedure/set-up-the-service.md', 'Set up the service', 'new'],
      ['atoms/ja/procedure/set-up-the-service.md', 'サービスをセットアップする', 'new'],
    ]);
    const setup = readFileSync(path.join(dir, 'atoms/ja/procedure/set-up-the-service.md'), 'utf8');
    expect(setup).toContain('language: ja\ntags: [guide, imported]\n');
    expect(setup).toContain('translation_of: Set up the service\nsource_version: "0.1.0"\n');
    // Its links go to the pages of its own language, and its sections are headed in it.
    expect(setup).toContain('[設定します](/ja/interface-input/readme/)');
    expect(setup).toContain('## 手順\n\n1. サービスをインストールします。');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Imported again, every draft is a collision in its own language, and nothing is overwritten.
    const again = JSON.parse((await run(dir, 'import', 'docs', '--json')).out) as ImportReport;
    expect(again.drafts.map((draft) => draft.reasons[0])).toEqual([
      'an atom with this title exists: atoms/ja/interface-input/readme.md',
      'an atom with this title exists: atoms/interface-input/readme.md',
      'an atom with this title exists: atoms/procedure/set-up-the-service.md',
      'an atom with this title exists: atoms/ja/procedure/set-up-the-service.md',
    ]);
  });

  test('docs in another markup are named with how to convert them, and a folder of nothing but them fails with that', async () => {
    const dir = makeProject({ 'sphinx/index.rst': 'Title\n=====\n\nSome text.\n', 'sphinx/guide.adoc': '= Guide\n\nText.\n', 'sphinx/conf.py': 'project = "x"\n' });
    const result = await run(dir, 'import', 'sphinx');
    expect(result.code).toBe(1);
    expect(result.err).toContain('`sphinx` holds no Markdown pages (.md, .mdx, .markdown) to import; 2 other files: `guide.adoc` (AsciiDoc, which import does not read; convert it to Markdown first (e.g. `pandoc -f asciidoc -t gfm`))');
    expect(result.err).toContain('`index.rst` (reStructuredText');
    writeFileSync(path.join(dir, 'sphinx/intro.md'), '# Intro\n\nThe project turns orders into widgets for every warehouse.\n');
    const mixed = await run(dir, 'import', 'sphinx', '--json');
    expect(mixed.code).toBe(0);
    expect((JSON.parse(mixed.out) as ImportReport).skipped.map((item) => item.rel)).toEqual(['guide.adoc', 'index.rst']);
  });

  test('a path that is not a folder is a usage error', async () => {
    const dir = makeProject({ 'notes.md': '# x\n' });
    expect((await run(dir, 'import', 'notes.md')).code).toBe(2);
    expect((await run(dir, 'import', 'missing')).err).toContain('does not exist');
  });
});
