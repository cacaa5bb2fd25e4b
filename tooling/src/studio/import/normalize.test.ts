import { describe, expect, test } from 'vitest';
import type { Dialect } from './dialect.js';
import { collapseBlankLines, normalizePage } from './normalize.js';

const pages: Record<string, string> = {
  'settings/_cpuFlag.mdx': '### --cpu=&lt;name\\>\n\nOverride the CPU architecture of native modules.\n',
};
const normalize = (text: string, rel = 'page.mdx', dialect: Dialect = 'starlight') => normalizePage(text, rel, { dialect, readPage: (page) => pages[page] });

describe('normalizePage', () => {
  test.each([
    ['Starlight steps become the numbered list they wrap', '<Steps>\n\n1. Build it.\n2. Ship it.\n\n</Steps>', '1. Build it.\n2. Ship it.'],
    ['tabs become labelled blocks', '<Tabs>\n<TabItem label="npm">\n\n```sh\nnpm i\n```\n\n</TabItem>\n<TabItem label="pnpm">\n\n```sh\npnpm add\n```\n\n</TabItem>\n</Tabs>', '**npm**\n\n```sh\nnpm i\n```\n\n**pnpm**\n\n```sh\npnpm add\n```'],
    ['an aside becomes a blockquote with its title', '<Aside type="caution" title="Careful">\nKeep the old release.\n</Aside>', '> **Careful**\n>\n> Keep the old release.'],
    ['an aside without a title is labelled by its type', '<Aside type="tip">\nRun it twice.\n</Aside>', '> **Tip**\n>\n> Run it twice.'],
    ['a directive aside with a label', ':::caution[Do not]\nDelete it.\n:::', '> **Do not**\n>\n> Delete it.'],
    ['a Code component with a constant becomes fenced code', "export const example = `a: 1\nb: 2`;\n\n<Code code={example} lang=\"yaml\" title=\"x.yaml\" />", '```yaml title="x.yaml"\na: 1\nb: 2\n```'],
    ['a FileTree keeps its list', '<FileTree>\n- src/\n  - index.ts\n</FileTree>', '- src/\n  - index.ts'],
    ['headings inside a component become bold lines, so they never split the page', '<Tabs>\n<TabItem label="A">\n\n## Inside\n\nText.\n\n</TabItem>\n</Tabs>', '**A**\n\n**Inside**\n\nText.'],
    ['a LinkCard becomes a link', '<LinkCard title="Guides" href="/guides/" description="Start here." />', '[Guides](/guides/): Start here.'],
    ['a component that links somewhere becomes that link', 'Or <ScrimbaLink href="https://scrimba.com/x?via=vite" title="Lesson">watch it</ScrimbaLink>.', 'Or [watch it](https://scrimba.com/x?via=vite).'],
    ['a linking component alone on its line becomes that link', '<ScrimbaLink href="https://scrimba.com/x" title="Lesson">Watch an interactive lesson</ScrimbaLink>', '[Watch an interactive lesson](https://scrimba.com/x)'],
  ])('%s', (_name, input, output) => {
    expect(normalize(input).markdown).toBe(output);
  });

  test('keeps import and export lines inside code blocks byte for byte, and drops the page’s own', () => {
    const code = "```js\nimport { defineConfig } from 'astro/config';\nexport default defineConfig({\n  image: {},\n});\n```";
    const result = normalize(`import { Steps } from '@astrojs/starlight/components';\n\nText.\n\n${code}\n`);
    expect(result.markdown).toBe(`Text.\n\n${code}`);
  });

  test('drops an unknown component, keeps its children and counts it', () => {
    const result = normalize('Works since <Since v="2.1" /> and <Highlight>this text</Highlight>.\n\n<DontEditWarning />\n\n<Callout>\n\nKept.\n\n</Callout>');
    expect(result.markdown).toBe('Works since  and this text.\n\nKept.');
    expect(result.dropped).toEqual({ Since: 1, Highlight: 1, Callout: 1 });
  });

  test("a .md page's linking component keeps its link and is not counted as dropped: VitePress's <ScrimbaLink>", () => {
    const input = 'Intro.\n\n<ScrimbaLink href="https://scrimba.com/intro-to-vite?via=vite" title="Configuring Vite">Watch an interactive lesson on Scrimba</ScrimbaLink>\n\nText with <ScrimbaLink href=\'https://scrimba.com/b\' title="Lesson [2]" /> inline, and <Badge type="tip">kept</Badge>.';
    const result = normalize(input, 'config/index.md', 'vitepress');
    expect(result.markdown).toBe('Intro.\n\n[Watch an interactive lesson on Scrimba](https://scrimba.com/intro-to-vite?via=vite)\n\nText with [Lesson \\[2\\]](https://scrimba.com/b) inline, and kept.');
    expect(result.dropped).toEqual({ Badge: 2 });
  });

  test('a linking component whose address has spaces or brackets keeps it whole', () => {
    expect(normalize('<DocLink href="/a (b)/c d">The page</DocLink>').markdown).toBe('[The page](</a (b)/c d>)');
  });

  test('a block of 100,000 component tags that never close keeps them as text, and the one that closes is dropped', () => {
    for (const open of ['<A b ', '<A href="x ', "<A title='x "]) {
      const result = normalize(`<Foo>\n${open.repeat(100_000)}\n`, 'page.md', 'vitepress');
      expect(result.markdown.split(open.trim()).length - 1).toBe(100_000);
      expect(result.dropped).toEqual({ Foo: 1 });
    }
  });

  test('counts a component named like an object property as any other', () => {
    expect(normalize('Text <constructor>kept</constructor> and <toString />.').dropped).toEqual({ constructor: 1, toString: 1 });
  });

  test('a code block inside a component inside a list keeps its indentation under the item', () => {
    const result = normalize('1. Install:\n\n   <Tabs>\n   <TabItem label="npm">\n\n   ```sh\n   npm i\n   ```\n\n   </TabItem>\n   </Tabs>\n\n2. Done.');
    expect(result.markdown).toBe('1. Install:\n\n   **npm**\n\n   ```sh\n   npm i\n   ```\n\n2. Done.');
  });

  test('inlines a Docusaurus partial where the page uses it, from a .md page', () => {
    const result = normalize("Flags:\n\nimport CpuFlag from './settings/_cpuFlag.mdx'\n\n<CpuFlag />\n\nEnd.", 'install.md', 'docusaurus');
    expect(result.markdown).toBe('Flags:\n\n### --cpu=&lt;name\\>\n\nOverride the CPU architecture of native modules.\n\nEnd.');
    expect(result.partials).toEqual(['settings/_cpuFlag.mdx']);
  });

  test("reads VitePress containers, code groups (a tab's label the code's title) and drops <script setup>", () => {
    const input = '<script setup>\nimport X from "./x.vue"\n</script>\n\n::: tip Inline\nUse it.\n:::\n\n::: code-group\n\n```sh [npm]\nnpm create vite\n```\n\n:::\n\n## Title <NonInheritBadge />';
    expect(normalize(input, 'guide.md', 'vitepress').markdown).toBe('> **Inline**\n>\n> Use it.\n\n```sh title="npm"\nnpm create vite\n```\n\n## Title');
  });

  test('reads MkDocs admonitions and tabs', () => {
    const input = '!!! warning "Proxy"\n    Set `HTTPS_PROXY`.\n\n=== "npm"\n\n    ```sh\n    npm i\n    ```\n';
    expect(normalize(input, 'a.md', 'mkdocs').markdown).toBe('> **Proxy**\n>\n> Set `HTTPS_PROXY`.\n\n**npm**\n\n```sh\nnpm i\n```');
  });

  test('an .mdx page that is not valid MDX is read as Markdown, with the place it failed', () => {
    const result = normalize('A list of <pkg> names, {unclosed.\n');
    expect(result.markdown).toBe('A list of <pkg> names, {unclosed.');
    expect(result.problems[0]).toMatch(/^page\.mdx:1:\d+: not valid MDX \(.+\); read as Markdown$/);
  });
});

test('blank lines inside code blocks are content and are kept, while runs left by removed markup are cut', () => {
  const code = '```\nC:\\src>pnpm install\n\n\n\nError: Cannot find module\n```';
  expect(normalize(`<Since v="1" />\n\n\n\n${code}\n`).markdown).toBe(code);
});

test('a VitePress code snippet becomes the fenced code of its region, and a missing one is kept and reported', () => {
  const files: Record<string, string> = { 'guide/ci.yaml': 'on: push\n#region content\nname: Deploy\njobs: {}\n#endregion content\n' };
  const result = normalizePage('1. Add the workflow:\n\n   <<< ./ci.yaml#content [.github/workflows/deploy.yml]\n\n<<< ./gone.ts', 'guide/deploy.md', { dialect: 'vitepress', readPage: () => undefined, readFile: (rel) => files[rel] });
  expect(result.markdown).toBe('1. Add the workflow:\n\n   ```yaml title=".github/workflows/deploy.yml"\n   name: Deploy\n   jobs: {}\n   ```\n\n<<< ./gone.ts');
  expect(result.problems).toEqual(['guide/deploy.md: the code snippet `./gone.ts` is not in the imported folder; kept as written']);
});

test('an HTML table of text reaches the draft as a GFM table, in a list item too', () => {
  const table = '<table>\n<tr><th>Option</th><th>Default</th></tr>\n<tr><td><code>--port</code></td><td>8080</td></tr>\n</table>';
  expect(normalize(`# Server\n\n${table}\n\nMore.`, 'README.md', 'markdown').markdown).toBe('# Server\n\n| Option | Default |\n| - | - |\n| `--port` | 8080 |\n\nMore.');
  expect(normalize(`- Options:\n\n  ${table.replaceAll('\n', '\n  ')}`, 'README.md', 'markdown').markdown).toBe('- Options:\n\n  | Option | Default |\n  | - | - |\n  | `--port` | 8080 |');
});

test('an HTML table cut by a blank line (Markdown inside its cells) is left as written', () => {
  const page = '<table>\n<tr>\n<td>\n\n```py\nrun()\n```\n\n</td>\n</tr>\n</table>';
  expect(normalize(page, 'README.md', 'markdown').markdown).toBe(page);
});

test('an HTML table in an MDX page is the GFM table it stands for, not its cells run together', () => {
  const result = normalize('Intro.\n\n<table>\n  <tr><th>Option</th><th>Default</th></tr>\n  <tr><td><code>--port</code></td><td>8080</td></tr>\n</table>\n\nAfter.', 'page.mdx', 'docusaurus');
  expect(result.markdown).toBe('Intro.\n\n| Option | Default |\n| - | - |\n| `--port` | 8080 |\n\nAfter.');
  expect(result.dropped).toEqual({});
});

test('HTML lists and line breaks in an MDX page read as Markdown, their words apart', () => {
  expect(normalize('Flags:\n\n<ul><li>The port</li><li>The host</li></ul>\n\nEnd.', 'page.mdx', 'docusaurus').markdown).toBe('Flags:\n\n* The port\n* The host\n\nEnd.');
  expect(normalize('Line one<br/>line two', 'page.mdx', 'docusaurus').markdown).toBe('Line one\nline two');
  // A JSX expression inside is left to the component reader.
  expect(normalize('<ul><li>{props.name}</li></ul>', 'page.mdx', 'docusaurus').markdown).not.toContain('* ');
});

test('a reference whose label holds brackets, which CommonMark does not read, arrives as a link', () => {
  const { markdown } = normalize('Implements [`client.close([callback])`][].\n\n[`client.close([callback])`]: Client.md#close\n', 'api/Pool.md', 'markdown');
  expect(markdown).toContain('Implements [`client.close([callback])`](Client.md#close).');
  expect(markdown).not.toContain(']: Client.md');
});

describe('collapseBlankLines', () => {
  test('a run of blank lines, spaces on them or not, is one blank line; inside a code block it stays', () => {
    expect(collapseBlankLines('Text.\n\n  \n  \n\t\nMore text.')).toBe('Text.\n\nMore text.');
    expect(collapseBlankLines('Text.\n  \nMore text.')).toBe('Text.\n  \nMore text.');
    const code = '```yaml\na: 1\n\n  \n\nb: 2\n```';
    expect(collapseBlankLines(`${code}\n\n\n\nText.`)).toBe(`${code}\n\nText.`);
  });
});
