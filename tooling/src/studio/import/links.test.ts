import { describe, expect, test } from 'vitest';
import { linkResolver } from './links.js';
import type { Piece } from './split.js';

const piece = (page: string, title: string, anchors: string[] = [], ownAnchor?: string, anchorAliases: Record<string, string> = {}, pageAnchors = Object.fromEntries(anchors.filter((anchor) => anchor !== ownAnchor).map((anchor) => [anchor, anchor]))) =>
  ({ page, title, anchors, ownAnchor, anchorAliases, pageAnchors }) as unknown as Piece;
const pieces = [
  piece('docs/guides/deploy.mdx', 'Deploy', ['verify', 'using-npm'], undefined, { 'install-with-npm': 'using-npm' }),
  piece('docs/config/index.md', 'Config', ['server']),
  piece('docs/config/index.md', 'Config: port', ['port', 'port-range'], 'port'),
  piece('docs/errors.md', 'Errors'),
  piece('docs/cli/add.md', 'pnpm add'),
  piece('docs/api/client.md', 'Client', ['options']),
  piece('docs/api/client.md', 'Client: create one', ['constructor', 'arguments']),
  // The page's second "Level" heading: `level-1` on the source page, `level` on the atom's.
  piece('docs/api/types.md', 'Types', ['level-1'], undefined, {}, { 'level-1': 'level' }),
  // Anchors as GitHub's slug rule writes them; VitePress, MkDocs and docsify write them otherwise.
  piece('docs/config/server-options.md', 'Server Options', ['indexhtml-and-project-root']),
  piece('docs/config/server-options.md', 'Server Options: server.watch', ['serverwatch', 'dev-containers--vs-code'], 'serverwatch'),
  piece('docs/config/server-options.md', 'Server Options: server-watch 1', ['server-watch-1'], 'server-watch-1'),
  piece('docs/config/server-options.md', 'Server Options: server.watch again', ['serverwatch-1'], 'serverwatch-1'),
];
const byPage = new Map<string, Piece[]>();
for (const p of pieces) byPage.set(p.page, [...(byPage.get(p.page) ?? []), p]);
const resolve = linkResolver(
  [
    { rel: 'docs/guides/deploy.mdx', data: {} },
    { rel: 'docs/config/index.md', data: {} },
    { rel: 'docs/errors.md', data: { id: 'error-codes' } },
    { rel: 'docs/cli/add.md', data: { slug: '/add-packages' } },
    { rel: 'docs/api/client.md', data: {} },
    { rel: 'docs/api/types.md', data: {} },
    { rel: 'docs/config/server-options.md', data: {} },
  ],
  byPage,
);

describe('linkResolver', () => {
  test.each([
    ['relative with the extension', 'docs/guides/deploy.mdx', '../errors.md', 'Errors', undefined],
    ['relative without the extension', 'docs/guides/deploy.mdx', '../errors', 'Errors', undefined],
    ['an index page by its folder, with a trailing slash', 'docs/guides/deploy.mdx', '../config/', 'Config', undefined],
    ['an index page named', 'docs/guides/deploy.mdx', '../config/index.md#server', 'Config', 'server'],
    ['site-absolute with a trailing slash', 'docs/errors.md', '/guides/deploy/', 'Deploy', undefined],
    ['site-absolute with a locale prefix', 'docs/errors.md', '/en/guides/deploy/#verify', 'Deploy', 'verify'],
    ['site-absolute .html', 'docs/errors.md', '/guides/deploy.html', 'Deploy', undefined],
    ['a Docusaurus id', 'docs/guides/deploy.mdx', '/error-codes', 'Errors', undefined],
    ['a front matter slug', 'docs/guides/deploy.mdx', '/add-packages', 'pnpm add', undefined],
    ['an anchor to the piece holding it', 'docs/guides/deploy.mdx', '../config/#port-range', 'Config: port', 'port-range'],
    ['the heading that became the title: no anchor', 'docs/guides/deploy.mdx', '../config/#port', 'Config: port', undefined],
    ['an anchor on the same page', 'docs/guides/deploy.mdx', '#verify', 'Deploy', 'verify'],
    ['a custom heading id, to the anchor the atom page renders', 'docs/errors.md', '/guides/deploy#install-with-npm', 'Deploy', 'using-npm'],
    ['an unknown anchor: the page, no anchor', 'docs/guides/deploy.mdx', '../errors.md#gone', 'Errors', undefined],
    ['an anchor named like an object property: the page, no anchor', 'docs/config/index.md', '../guides/deploy.mdx#constructor', 'Deploy', undefined],
    ['an anchor named like an object property, to the piece holding it', 'docs/config/index.md', '../api/client.md#constructor', 'Client: create one', 'constructor'],
    ['an anchor numbered among its page, to the one its atom page renders', 'docs/config/index.md', '../api/types.md#level-1', 'Types', 'level'],
    ["VitePress's slug of a heading that became an atom's title", 'docs/errors.md', '/config/server-options#server-watch', 'Server Options: server.watch', undefined],
    ["VitePress's slug of a heading inside a piece", 'docs/errors.md', '/config/server-options#index-html-and-project-root', 'Server Options', 'indexhtml-and-project-root'],
    ["MkDocs' slug, its dashes run together", 'docs/errors.md', '/config/server-options#dev-containers-vs-code', 'Server Options: server.watch', 'dev-containers--vs-code'],
    ['an anchor two headings could be: the page, no anchor', 'docs/errors.md', '/config/server-options#server_watch_1', 'Server Options', undefined],
  ])('resolves %s', (_name, from, url, title, anchor) => {
    const found = resolve(from, url);
    expect(found && { title: found.piece.title, anchor: found.anchor }).toEqual({ title, anchor });
  });

  test.each([['a page that was not imported', '../nowhere.md'], ['a site page outside the import', '/blog/2020/post'], ['a broken escape', '../%E0%A4%A.md']])('finds nothing for %s', (_name, url) => {
    expect(resolve('docs/guides/deploy.mdx', url)).toBeUndefined();
  });
});

test('a site path under another section is not a page of the import with the same name', () => {
  const own = linkResolver([{ rel: 'docs/motivation.md', data: {} }], new Map([['docs/motivation.md', [piece('docs/motivation.md', 'Motivation')]]]));
  expect(own('docs/motivation.md', '/blog/motivation')).toBeUndefined();
  expect(own('docs/motivation.md', '/docs/motivation')?.piece.title).toBe('Motivation');
});
