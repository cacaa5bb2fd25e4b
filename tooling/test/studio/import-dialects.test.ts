import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';
import { brokenInternalLinks, draftCodeBlocks, markupLeft, readDrafts } from './import-checks.js';
import { makeProject, run } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/import', import.meta.url));

interface Report {
  dialect: string;
  notes: string[];
  drafts: { title: string; type: string; path: string; status: string; confidence: number }[];
}

async function importFixture(folder: string, ...args: string[]) {
  const dir = makeProject();
  const result = await run(dir, 'import', path.join(FIXTURES, folder), '--json', ...args);
  return { dir, result, report: JSON.parse(result.out || '{}') as Report, drafts: result.code === 0 ? readDrafts(path.join(dir, 'atoms')) : [] };
}

describe('importing a Starlight site', () => {
  test('finds the dialect from astro.config, types each page from its structure, one error per atom', async () => {
    const { report } = await importFixture('starlight/src/content/docs');
    expect(report.dialect).toBe('starlight');
    expect(report.drafts.map((draft) => [draft.title, draft.type])).toEqual([
      ['Error reference: MissingSharp', 'error'],
      ['Error reference: PortInUse', 'error'],
      ['Deploy the widget service', 'procedure'],
      ['Widget options', 'interface-input'],
    ]);
  });

  test('components become the Markdown they stand for, code is kept byte for byte, and links resolve', async () => {
    const { drafts } = await importFixture('starlight/src/content/docs');
    expect(drafts.flatMap(markupLeft)).toEqual([]);
    expect(brokenInternalLinks(drafts, new Set())).toEqual([]);
    const code = draftCodeBlocks(drafts);
    expect(code).toContain("import { defineConfig } from 'widgets';\nexport default defineConfig({\n  image: { service: 'sharp' },\n});");
    expect(code).toContain('# build your site with verbose logs\nnpm run build -- --verbose');
    expect(code).toContain('port: 8080\nhealth: /healthz');
    const deploy = drafts.find((draft) => draft.id === 'procedure/deploy-the-widget-service')!;
    expect(deploy.header.summary).toBe('How to deploy the widget service to a fresh server, from build to health check.');
    expect(deploy.body).toContain('## Prerequisites\n\n> **Before you start**\n>\n> You need SSH access to the server and the `deploy` role.');
    expect(deploy.body).toContain('**npm**\n\n```sh\nnpm install widgets\n```');
    expect(deploy.body).toContain('[its health](/interface-input/widget-options/#health)');
    const sharp = drafts.find((draft) => draft.id === 'error/error-reference-missingsharp')!;
    expect(sharp.header.error_codes).toEqual(['MissingSharp']);
    expect(sharp.body).toContain('## How to resolve\n\nInstall it with `npm install sharp`, then rebuild.');
  });

  test('the review report lists drafts least certain first, with prompts left and components dropped, in Markdown and JSON', async () => {
    const dir = makeProject();
    const docs = path.join(FIXTURES, 'starlight/src/content/docs');
    await run(dir, 'import', docs, '--dry-run', '--report', 'review.json');
    await run(dir, 'import', docs, '--dry-run', '--report', 'review.md');
    const json = JSON.parse(readFileSync(path.join(dir, 'review.json'), 'utf8')) as { drafts: { confidence: number; prompts: string[]; droppedComponents: Record<string, number>; source: string }[] };
    const confidences = json.drafts.map((draft) => draft.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    const deploy = json.drafts.find((draft) => draft.source === 'guides/deploy.mdx')!;
    expect(deploy.prompts).toEqual(['Verify']);
    expect(deploy.droppedComponents).toEqual({ Since: 1 });
    const markdown = readFileSync(path.join(dir, 'review.md'), 'utf8');
    expect(markdown).toContain('| confidence | draft | type | source | prompts left | links kept as written | components dropped | sections merged in |');
    expect(markdown).toContain('| procedure | guides/deploy.mdx | Verify |  | Since ×1 |');
  });
});

describe('importing an MkDocs site', () => {
  test('reads admonitions, content tabs and snippets, and the drafts lint without errors', async () => {
    const { dir, report, drafts } = await importFixture('mkdocs/docs');
    expect(report.dialect).toBe('mkdocs');
    expect(report.drafts.map((draft) => [draft.title, draft.type])).toEqual([
      ['Configure the widget CLI', 'config-template'],
      ['Install the widget CLI', 'procedure'],
    ]);
    expect(drafts.flatMap(markupLeft)).toEqual([]);
    const install = drafts.find((draft) => draft.id === 'procedure/install-the-widget-cli')!;
    expect(install.body).toContain('1. Install the package with your package manager:\n\n    **npm**\n\n    ```sh\n    npm install -g widgets-cli\n    ```');
    expect(install.body).toContain('> **Proxy settings**\n>\n> Behind a proxy, set `HTTPS_PROXY` before you log in.');
    // The example file a snippet names (from the project's root) is in the code block.
    expect(drafts.find((draft) => draft.id === 'config-template/configure-the-widget-cli')!.body).toContain('```yaml\nserver: https://widgets.example.com\ntimeout: 30\n```');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('importing a Hugo site', () => {
  test('reads TOML front matter and shortcodes, links through ref resolve, and the drafts lint without errors', async () => {
    const { dir, report, drafts } = await importFixture('hugo/content/docs');
    expect(report.dialect).toBe('hugo');
    expect(report.drafts.map((draft) => draft.title).sort()).toEqual(['Configure the widget agent', 'Install the widget agent']);
    expect(drafts.flatMap(markupLeft)).toEqual([]);
    expect(brokenInternalLinks(drafts, new Set())).toEqual([]);
    const install = drafts.find((draft) => draft.header.title === 'Install the widget agent')!;
    expect(install.body).not.toMatch(/\{\{[<%]/);
    // A shortcode shown on a page about shortcodes reads as written.
    expect(drafts.find((draft) => draft.header.title === 'Configure the widget agent')!.body).toContain('> **Shortcodes in your own pages**\n>\n> Write `{{< note >}}` to open a note.');
    expect(install.header.summary).toBe('How to install the widget agent on a Linux host and check that it runs.');
    expect(install.body).toContain('> **Before you begin**\n>\n> You need root on the host.');
    expect(install.body).toContain('   **Debian**\n\n   ```sh\n   sudo apt install widget-agent\n   ```');
    expect(install.body).toContain('   ```go\n   agent.Start(ctx)\n   ```');
    expect(install.body).toContain('press Ctrl+C to stop');
    expect(install.body).toMatch(/\[configure it\]\(\/[\w-]+\/configure-the-widget-agent\/\)/);
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('importing a Jekyll site', () => {
  test('reads Liquid tags, site variables and just-the-docs callouts, links through link tags resolve (to a .markdown page too), and the drafts lint without errors', async () => {
    const { dir, report, drafts } = await importFixture('jekyll/docs');
    expect(report.dialect).toBe('jekyll');
    expect(drafts.flatMap(markupLeft)).toEqual([]);
    expect(brokenInternalLinks(drafts, new Set())).toEqual([]);
    const install = drafts.find((draft) => draft.header.title === 'Install the widget agent')!;
    expect(install.body).not.toMatch(/\{%|\{:/);
    expect(install.body).toContain('## Prerequisites\n\n> **Warning**\n>\n> You need root on the host.');
    expect(install.body).toContain('   ```sh\n   sudo apt install widget-agent\n   ```');
    expect(install.body).not.toContain('TODO');
    const configure = drafts.find((draft) => draft.header.title === 'Configure the widget agent')!;
    expect(configure.header.summary).toBe('The agent reads /etc/widget-agent.yml at start, as the Widget agent site describes.');
    expect(configure.body).toContain('Write `{{ interval }}` in templates.');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('importing a MyST site (Sphinx, Jupyter Book)', () => {
  test('reads fenced directives, roles and targets, and the drafts lint without errors', async () => {
    const { dir, report, drafts } = await importFixture('myst/docs');
    expect(report.dialect).toBe('myst');
    expect(drafts.flatMap(markupLeft)).toEqual([]);
    const install = drafts.find((draft) => draft.header.title === 'Install the widget agent')!;
    expect(install.body).not.toMatch(/\{(?:warning|code-block|toctree|doc|command)\}|\(install\)=|TODO/);
    expect(install.body).toContain('## Prerequisites\n\n> **Warning**\n>\n> You need root on the host.');
    expect(install.body).toContain('   ```sh\n   sudo apt install widget-agent\n   ```');
    expect(install.body).toContain('Then configure it and check it with `widget-agent status`.');
    expect(drafts.find((draft) => draft.header.title === 'Configure the widget agent')!.body).toContain('> **See also**\n>\n> The install guide.');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('importing a GitBook space', () => {
  test('reads hints, tabs, code titles, content references, embeds and files, leaves out the table of contents, and the drafts lint without errors', async () => {
    const { dir, report, drafts } = await importFixture('gitbook/docs');
    expect(report.dialect).toBe('gitbook');
    expect(report.notes).toContain("SUMMARY.md: GitBook's table of contents; the pages it lists are imported");
    expect(drafts.map((draft) => draft.header.title).sort()).toEqual(['Configure the widget agent', 'Install the widget agent', 'Widget service']);
    expect(drafts.flatMap(markupLeft)).toEqual([]);
    expect(brokenInternalLinks(drafts, new Set())).toEqual([]);
    for (const draft of drafts) expect(draft.body.replace(/`[^`\n]*`/g, '')).not.toContain('{%');
    const install = drafts.find((draft) => draft.header.title === 'Install the widget agent')!;
    expect(install.body).toContain('> **Warning**\n>\n> You need root on the host.');
    expect(install.body).toContain('**Debian**\n\n```sh\nsudo apt install widget-agent\n```');
    expect(install.body).toContain('```toml title="/etc/widget-agent.toml"\nendpoint = "https://widgets.example.org/api"\n```');
    expect(install.body).toContain('[Log format.pdf](<../.gitbook/assets/Log format.pdf>)');
    expect(install.body).toMatch(/\[configure it\]\(\/[\w-]+\/configure-the-widget-agent\/\)/);
    const service = drafts.find((draft) => draft.header.title === 'Widget service')!;
    expect(service.body).toContain('[A tour of the widget service](https://www.youtube.com/watch?v=widget-tour)');
    expect(service.body).toMatch(/\[install\.md\]\(\/[\w-]+\/install-the-widget-agent\/\)/);
    // A tag shown as code stays as written.
    expect(drafts.find((draft) => draft.header.title === 'Configure the widget agent')!.body).toContain('`{% hint style="info" %}`');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('import options', () => {
  test('--dialect overrides detection, and an unknown dialect is a usage error naming the choices', async () => {
    const forced = await importFixture('mkdocs/docs', '--dialect', 'markdown', '--dry-run');
    expect(forced.report.dialect).toBe('markdown');
    const bad = await importFixture('mkdocs/docs', '--dialect', 'sphinx');
    expect(bad.result.code).toBe(2);
    expect(bad.result.err).toContain('Unexpected dialect `sphinx`, expected one of `markdown`, `starlight`, `docusaurus`, `vitepress`, `mkdocs`, `hugo`, `jekyll`, `myst`, `gitbook`.');
  });

  test('--status review writes drafts the index and the site include; an unknown status is a usage error', async () => {
    const { drafts } = await importFixture('mkdocs/docs', '--status', 'review');
    expect(drafts.map((draft) => draft.header.status)).toEqual(['review', 'review']);
    expect((await importFixture('mkdocs/docs', '--status', 'published')).result.code).toBe(2);
  });
});
