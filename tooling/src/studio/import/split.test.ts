import { describe, expect, test } from 'vitest';
import type { Heading, RootContent } from 'mdast';
import { htmlAnchorIds, readFrontMatter, splitPage } from './split.js';

const split = (markdown: string, title = 'Page') => splitPage({ rel: 'page.md', data: { title }, markdown }).pieces;

describe('splitPage', () => {
  test('a custom heading id leaves the heading, and links to it find the anchor the atom renders', () => {
    const [piece] = split('Intro words here for the page.\n\n## Using npm {#pnpm-12-using-npm}\n\nRun it.\n');
    expect(piece!.anchors).toEqual(['using-npm']);
    expect(piece!.anchorAliases).toEqual({ 'pnpm-12-using-npm': 'using-npm' });
    expect(piece!.drops).toEqual([{ start: 44, end: 65, text: '' }]);
  });

  test('an HTML anchor names the heading it marks, before it, inside it or in its section, and links to it find that heading', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const page = [
      `<a id="top"></a>\n\nIntro. ${words(130)}`,
      `<a id="export"></a>\n## \`pino()\`\n\n${words(500)}`,
      `## <a name="opts"></a>Options\n\n${words(500)}`,
      `## BOOM\n<a id='pp-boom'></a>\n\n${words(500)}`,
      `<p><a id="inline"></a>Some HTML.</p>\n\n${words(10)}`,
    ].join('\n\n');
    const pieces = split(page);
    expect(pieces.map((piece) => piece.anchorAliases)).toEqual([{}, { export: 'pino' }, { opts: 'options' }, { 'pp-boom': 'boom' }]);
    // The anchor is not shown in the draft: the links find its heading instead.
    const boom = pieces[3]!;
    expect(boom.drops.map((drop) => boom.body.slice(drop.start, drop.end))).toEqual(["<a id='pp-boom'></a>"]);
  });

  test("a page's table of contents is left out of its draft, and a piece of nothing else is no piece", () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const contents = '- [Options](#options)\n  - [level](#level)\n- [Hooks](#hooks)';
    const withIntro = split(`Intro: ${words(20)}\n\n${contents}\n\n## Options\n\n${words(30)}\n\n### level\n\n${words(30)}\n\n## Hooks\n\n${words(30)}`)[0]!;
    expect(withIntro.drops.map((drop) => withIntro.body.slice(drop.start, drop.end))).toEqual([contents]);
    expect(withIntro.links).toEqual([]);
    const alone = split(`${contents}\n\n<a id="options"></a>\n\n## Options\n\n${words(500)}\n\n## Hooks\n\n${words(500)}`);
    expect(alone.map((piece) => piece.title)).toEqual(['Page: Options', 'Page: Hooks']);
  });

  test('a list of two links to headings below, or of links to other pages, is text, not contents', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    for (const list of ['- [Options](#options)\n- [Hooks](#hooks)', '- [Options](/options)\n- [Hooks](/hooks)\n- [Level](/level)', '- [Options](#options) sets them\n- [Hooks](#hooks)\n- [Level](#level)']) {
      const [piece] = split(`Intro: ${words(20)}\n\n${list}\n\n## Options\n\n${words(30)}\n\n## Hooks\n\n${words(30)}`);
      expect(piece!.drops).toEqual([]);
    }
  });

  test('a page with no `#` heading that opens with the only heading of its depth is called by it, not by its file name', () => {
    const page = (markdown: string) => splitPage({ rel: 'docs/lts.md', data: {}, markdown }).pieces.map((piece) => piece.title);
    expect(page('<a id="top"></a>\n\n## Long Term Support\n\nSupported for six months.\n\n### Schedule\n\nEvery April.\n')).toEqual(['Long Term Support']);
    expect(page('## Long Term Support\n\nSupported for six months.\n\n## Schedule\n\nEvery April.\n')).toEqual(['lts']);
    expect(page('Supported for six months.\n\n## Long Term Support\n\nEvery April.\n')).toEqual(['lts']);
  });

  test("a heading's anchor on its atom page is numbered among that page's headings, not the source's", () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const pieces = split(`## Options\n\n${words(500)}\n\n### Level\n\n${words(30)}\n\n## Types\n\n${words(500)}\n\n### Level\n\n${words(30)}`);
    expect(pieces.map((piece) => [piece.anchors, piece.pageAnchors])).toEqual([
      [['options', 'level'], { level: 'level' }],
      [['types', 'level-1'], { 'level-1': 'level' }],
    ]);
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  test('reads the HTML anchors of a section of a hundred thousand of them', () => {
    const heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Heading' }] } as Heading;
    const nodes: RootContent[] = [heading, ...Array.from({ length: 100_000 }, (_, i): RootContent => ({ type: 'html', value: `<a id="x${i}"></a>` }))];
    expect(htmlAnchorIds(nodes).get(heading)).toHaveLength(100_000);
  });

  test('a page that lists several errors gets one piece per error, however short', () => {
    const pieces = split('## ERR_A\n\nThe store moved.\n\n## ERR_B\n\nThe lockfile is outdated.\n', 'Error Codes');
    expect(pieces.map((piece) => [piece.title, piece.type, piece.errorCodes])).toEqual([
      ['Error Codes: ERR_A', 'error', ['ERR_A']],
      ['Error Codes: ERR_B', 'error', ['ERR_B']],
    ]);
  });

  test("an error's codes are those of its own text, not of a small section merged into it that names a code in passing", () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const page = [
      'Intro.',
      `## List\n\n${words(130)}`,
      `### Error: the store is broken\n\n**StoreBrokenError**: The store fails when the disk is full.\n\n${words(150)}`,
      `### Old API\n\nCalling it throws an \`ERR_INVALID_ARG_TYPE\` error. ${words(30)}`,
      `### Another\n\n${words(800)}`,
    ].join('\n\n');
    const error = split(page, 'Deprecations').find((piece) => piece.type === 'error');
    expect(error?.body).toContain('ERR_INVALID_ARG_TYPE');
    expect(error?.errorCodes).toEqual(['Error: the store is broken', 'StoreBrokenError']);
  });

  test('a troubleshooting page gets one piece per problem under its category', () => {
    const pieces = split('## Dev Server\n\n### Requests are stalled forever\n\nCheck the limit.\n\n### Vite crashes with ENOSPC error\n\nRaise the watchers.\n', 'Troubleshooting');
    expect(pieces.map((piece) => [piece.title, piece.type])).toEqual([
      ['Troubleshooting: Dev Server: Requests are stalled forever', 'troubleshooting'],
      ['Troubleshooting: Dev Server: Vite crashes with ENOSPC error', 'error'],
    ]);
  });

  test('a page of methods named like problems (`timeout.unref()`) is a reference, not a page of problems', () => {
    const methods = ['timeout.close()', 'timeout.hasRef()', 'timeout.ref()', 'timeout.unref()'].map((name) => `### \`${name}\`\n\nAdded in: v0.9.1. Returns a reference to \`timeout\`.`);
    const pieces = split(`## Class: \`Timeout\`\n\nThis object is created internally.\n\n${methods.join('\n\n')}\n`, 'Timers');
    expect(pieces.map((piece) => piece.type)).toEqual(['interface-input']);
  });

  test('a long problem whose sub-headings are codes is one error per code; a long problem with a cause and a fix stays whole', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const codes = ['ERR_ALPHA', 'ERR_BETA', 'ERR_GAMMA'].map((code) => `### \`${code}\`\n\nThe call failed. ${words(300)}`);
    const page = ['## Class: `TypeError`\n\nA wrong type.', `## Node.js error codes\n\nEvery code.\n\n${codes.join('\n\n')}`, `## Crashes on start\n\nIt crashes.\n\n### Cause\n\n${words(500)}\n\n### Fix\n\n${words(400)}`].join('\n\n');
    const pieces = split(page, 'Errors');
    expect(pieces.map((piece) => [piece.title, piece.type, piece.errorCodes])).toEqual([
      ['Errors: Class: TypeError', 'error', ['TypeError']],
      ['Errors: Node.js error codes', 'interface-input', []],
      ['Errors: Node.js error codes: ERR_ALPHA', 'error', ['ERR_ALPHA']],
      ['Errors: Node.js error codes: ERR_BETA', 'error', ['ERR_BETA']],
      ['Errors: Node.js error codes: ERR_GAMMA', 'error', ['ERR_GAMMA']],
      ['Errors: Crashes on start', 'troubleshooting', []],
    ]);
  });

  test('the parts of a long section cut at `####` (it has no `###`) stay with their own section too', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const options = ['port', 'host'].map((name) => `#### ${name}\n\n${prose(name, 450)}\n`).join('\n');
    const pieces = split(`## Options\n\n${options}\n## Instance\n\n${prose('instance', 30)}\n`, 'Server');
    expect(pieces.map((piece) => piece.title)).toEqual(['Server: Options', 'Server: Options: host', 'Server: Instance']);
  });

  test('a section named as the page is not named twice in the titles of its parts', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const pieces = split(`## Decorators\n\n${prose('intro', 200)}\n\n### Usage\n\n${prose('usage', 400)}\n\n### Getters and Setters\n\n${prose('getter', 400)}\n`, 'Decorators');
    expect(pieces.map((piece) => piece.title)).toEqual(['Decorators', 'Decorators: Usage', 'Decorators: Getters and Setters']);
  });

  test('a small section joins the piece before it only from a heading as deep or deeper, and a small closing one always does', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const page = `## Instance\n\n### intercept()\n\n${prose('intercept', 300)}\n\n#### Example - basic\n\n${prose('basic', 500)}\n\n#### Example - matchers\n\n${prose('matchers', 100)}\n\n### close()\n\n${prose('close', 60)}\n\n### dispatch()\n\n${prose('dispatch', 60)}\n`;
    const headings = (markdown: string) => split(markdown, 'MockPool').map((piece) => [piece.title, piece.body.match(/^#+ .*/gm)]);
    // `### close()` is no part of the `#### Example` before it: it opens a piece, which its sibling joins.
    expect(headings(page)).toEqual([
      ['MockPool: Instance', ['### intercept()']],
      ['MockPool: intercept(): Example - basic', ['#### Example - matchers']],
      ['MockPool: Instance: close()', ['### dispatch()']],
    ]);
    // A list of links that ends the page has nowhere else to go.
    expect(headings(`${page}\n### See also\n\n- [Pool](./pool.md)\n`).at(-1)).toEqual(['MockPool: Instance: close()', ['### dispatch()', '### See also']]);
  });

  test('a piece lists the headings of the small sections merged into it, but not the questions of a FAQ', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const help = split(`## Log rotation\n\n${prose('rotate', 400)}\n\n## Reopening log files\n\n${prose('reopen', 60)}\n\n## Pino with debug\n\n${prose('debug', 60)}\n\n## Testing\n\n${prose('test', 500)}\n`, 'Help');
    expect(help.map((piece) => [piece.title, piece.merged])).toEqual([
      ['Help: Log rotation', ['Reopening log files', 'Pino with debug']],
      ['Help: Testing', []],
    ]);
    const faq = split(['Can I rotate logs?', 'Can I reopen files?', 'Does it work with debug?'].map((question) => `## ${question}\n\n${prose('yes', 300)}`).join('\n\n'), 'FAQ');
    expect(faq.length).toBeGreaterThan(0);
    expect(faq.flatMap((piece) => piece.merged)).toEqual([]);
  });

  test('a page that opens under a heading any page could have ("### Synopsis") calls its first piece by the page’s name', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const page = `### Synopsis\n\n\`\`\`bash\nnpm rebuild\n\`\`\`\n\n### Description\n\n${prose('rebuild', 300)}\n\n### Configuration\n\n${prose('config', 700)}\n\n### Overview\n\n${prose('later', 700)}\n`;
    expect(split(page, 'npm-rebuild').map((piece) => piece.title)).toEqual(['npm-rebuild', 'npm-rebuild: Configuration', 'npm-rebuild: Overview']);
    // A first section that names its subject keeps its name.
    expect(split(`## Prerequisites\n\n${prose('node', 700)}\n\n## Steps\n\n${prose('step', 700)}\n`, 'Installation').map((piece) => piece.title)).toEqual(['Installation: Prerequisites', 'Installation: Steps']);
  });

  test('an HTML banner heading that opens the page is left out, and the page keeps its own title', () => {
    const [piece] = split('<h1 align="center">Fastify</h1>\n\n## Encapsulation\n\nA fundamental feature of Fastify is the encapsulation context.\n', 'Encapsulation');
    expect(piece!.title).toBe('Encapsulation');
    expect(piece!.body).not.toContain('<h1');
    expect(piece!.body).toContain('A fundamental feature');
  });

  test("a README's logo and badges are left out, and a badge in its heading does not name the atom", () => {
    const readme = [
      '<p align="center">\n    <img alt="qs" src="./logos/banner.png" width="800" />\n</p>',
      '# qs <sup>[![Version Badge][npm-svg]][package-url]</sup>',
      '[![github actions][actions-image]][actions-url]\n[![coverage](https://codecov.io/badge.svg)](https://codecov.io/gh/ljharb/qs)',
      'A querystring parsing and stringifying library with some added security.',
      '![Parse flow](./parse.png)',
      '[package-url]: https://npmjs.org/package/qs\n[npm-svg]: https://versionbadg.es/ljharb/qs.svg\n[actions-image]: https://img.shields.io/endpoint?url=qs\n[actions-url]: https://github.com/ljharb/qs/actions',
    ].join('\n\n');
    const [piece] = splitPage({ rel: 'qs.md', data: {}, markdown: readme }).pieces;
    expect(piece!.title).toBe('qs');
    expect(piece!.body).toMatch(/^A querystring parsing/);
    // An image after the text is content: a diagram, a screenshot.
    expect(piece!.body).toContain('![Parse flow](./parse.png)');
    expect(splitPage({ rel: 'logo.md', data: {}, markdown: '# ![Acme](./logo.png)\n\nAcme makes widgets for every kind of workshop.' }).pieces[0]!.title).toBe('Acme');
  });

  test("a README's spacers, link bar and language switcher above its text are left out, its links in the text kept", () => {
    const readme = [
      '<div align="center">\n  <img alt="Biome" src="https://example.org/logo.svg" width="700" />\n</div>',
      '  <br>\n  <br>',
      '[![CI on main][ci-badge]][ci-url]\n[![npm version][npm-badge]][npm-url]',
      '  [ci-badge]: https://example.org/ci.svg\n  [ci-url]: https://example.org/ci\n  [npm-badge]: https://example.org/npm.svg\n  [npm-url]: https://example.org/npm',
      '<!-- Insert new entries by language code. -->',
      '[हिन्दी](./README.hi.md) | English | [Español](./README.es.md) | [日本語](./README.ja.md)\n<br>',
      '**Biome** is a performant toolchain for web projects: see [the docs](https://example.org/) | [the blog](https://example.org/blog) | [the chat](https://example.org/chat).',
      '[Docs](https://example.org/) · [Discord](https://example.org/chat) · [Blog](https://example.org/blog)',
    ].join('\n\n');
    const [piece] = splitPage({ rel: 'README.md', data: {}, markdown: readme }).pieces;
    expect(piece!.body).toMatch(/^\*\*Biome\*\* is a performant toolchain/);
    // Below the text, a row of links is the page's own content.
    expect(piece!.body).toContain('[Docs](https://example.org/) · [Discord]');
  });

  test('an opening block of many HTML comments that is not all comments is read in one pass', () => {
    const [piece] = splitPage({ rel: 'README.md', data: {}, markdown: `${'<!-- note -->'.repeat(60)}<b>x</b>\n\nThe text of the page, which says what the project does.\n` }).pieces;
    expect(piece!.body).toContain('The text of the page');
  });

  test('a page of question headings is a FAQ whose pieces keep their own question', () => {
    const pieces = split('## Does it work on Windows?\n\nYes.\n\n## Why hard links?\n\nTo save disk space.\n', 'FAQ');
    expect(pieces.map((piece) => [piece.type, piece.body])).toEqual([['faq', '## Does it work on Windows?\n\nYes.\n\n## Why hard links?\n\nTo save disk space.']]);
  });
  test('on a page of question headings, the intro and a section that asks nothing are not FAQs (they hold no Q/A pair)', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const pieces = split(`${prose('intro', 150)}\n\n## What does it do?\n\n${prose('does', 500)}\n\n## Is there a demo?\n\n${prose('demo', 500)}\n\n## Continuous Integration\n\n${prose('ci', 500)}\n`, 'Acme');
    expect(pieces.map((piece) => [piece.title, piece.type])).toEqual([
      ['Acme', 'interface-input'],
      ['Acme: What does it do?', 'faq'],
      ['Acme: Is there a demo?', 'faq'],
      ['Acme: Continuous Integration', 'interface-input'],
    ]);
  });

  test('a piece carries the definitions of the references it uses, those of a badge inside a link too', () => {
    const [piece] = split('A regex engine for the web, with a badge after the opening words.\n\n[![bundle][bundle-src]][bundle-href] and [docs][].\n\n[bundle-src]: https://img.example/size.svg\n[bundle-href]: https://bundle.example/\n[docs]: ./docs.md\n[unused]: https://unused.example/\n');
    expect(piece!.definitions.map((definition) => definition.label).sort()).toEqual(['bundle-href', 'bundle-src', 'docs']);
  });

  test('a long page title gives way to the piece’s own heading, so the pieces of one page keep titles of their own', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const page = 'RE2JS is the JavaScript port of RE2, a regular expression engine that provides linear time matching';
    const pieces = split(`## Usage\n\n${prose('usage', 200)}\n\n### Finding matches\n\n${prose('find', 500)}\n\n### High performance boolean testing\n\n${prose('test', 500)}\n`, page);
    const titles = pieces.map((piece) => piece.title);
    expect(titles).toEqual([
      `${page}: Usage`,
      'RE2JS is the JavaScript port of RE2, a regular expression engine that provides linear time…: Usage: Finding matches',
      'RE2JS is the JavaScript port of RE2, a regular expression engine that…: Usage: High performance boolean testing',
    ]);
    expect(titles.every((title) => title.length <= 120)).toBe(true);
  });

  test('a section still too long after its `###` cut is cut at its `####` headings, one method per piece', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const methods = ['listen', 'close', 'inject'].map((name) => `#### ${name}\n\n${prose(name, 300)}\n`).join('\n');
    const pieces = split(`## Instance\n\n### Server Methods\n\n${prose('intro', 150)}\n\n${methods}\n## Factory\n\n${prose('factory', 150)}\n`, 'Server');
    expect(pieces.map((piece) => piece.title)).toEqual(['Server: Instance', 'Server: Server Methods: listen', 'Server: Server Methods: close', 'Server: Server Methods: inject', 'Server: Factory']);
    expect(splitPage({ rel: 'page.md', data: { title: 'Server' }, markdown: `## Instance\n\n### Server Methods\n\n${methods}` }).problems).toEqual([]);
  });

  test('the small first parts of a long section are not merged into the last part of the section before', () => {
    const prose = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')}.`;
    const options = ['port', 'host', 'cors'].map((name) => `### ${name}\n\n${prose(name, 300)}\n`).join('\n');
    const methods = ['ready', 'after', 'listen', 'close'].map((name, i) => `### ${name}\n\n${prose(name, i < 2 ? 30 : 400)}\n`).join('\n');
    const pieces = split(`## Options\n\n${options}\n## Instance\n\n${methods}`, 'Server');
    expect(pieces.map((piece) => piece.title)).toEqual(['Server: Options', 'Server: Options: host', 'Server: Options: cors', 'Server: Instance', 'Server: Instance: close']);
    expect(pieces[2]!.body).not.toContain('ready');
    expect(pieces[3]!.body).toMatch(/^### ready[\s\S]*### after[\s\S]*### listen/);
  });
});

describe('readFrontMatter', () => {
  const read = (text: string) => readFrontMatter({ rel: 'page.md', text });

  test.each([
    ['YAML, a date read as a date', '---\ntitle: A\ncreated: 2024-01-02\n---\n\nBody\n', { title: 'A', created: new Date('2024-01-02') }, '\nBody\n'],
    ['YAML with CRLF line ends', '---\r\ntitle: A\r\n---\r\nBody\r\n', { title: 'A' }, 'Body\r\n'],
    ['YAML after a byte order mark', '\uFEFF---\ntitle: A\n---\nBody', { title: 'A' }, 'Body'],
    ['JSON tagged `---json`', '---json\n{ "title": "A", "weight": 3 }\n---\nBody', { title: 'A', weight: 3 }, 'Body'],
    ['TOML between `+++`', '+++\ntitle = "A"\nweight = 3\n+++\n\nBody', { title: 'A', weight: 3 }, '\nBody'],
    ['an empty block', '---\n---\nBody', {}, 'Body'],
    ['none', '# Body\n', {}, '# Body\n'],
  ])('%s: the data, and the Markdown after the closing line', (_name, text, data, content) => {
    expect(read(text)).toEqual({ data, content });
  });

  test('YAML that does not parse is a problem naming the parser error, not a throw', () => {
    expect(read('---\ntitle: [unclosed\n---\nBody')).toEqual({ problem: expect.stringMatching(/^front matter cannot be read: \S/) });
  });
});
