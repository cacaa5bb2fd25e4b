import { describe, expect, test } from 'vitest';
import { linkedAtoms, pageLinks, samePage, sourcePage, type AtomPage } from './links.js';

describe('pageLinks', () => {
  test('reads the page and section of each link, without its extension, its `index` or the sentence ending after it', () => {
    expect(pageLinks('Refer to docs https://vite.dev/config/server-options.html#server-fs-allow. Also see https://example.com/guide/index.md')).toEqual([
      { url: 'https://vite.dev/config/server-options.html#server-fs-allow', segments: ['config', 'server-options'], fragment: 'serverfsallow' },
      { url: 'https://example.com/guide/index.md', segments: ['guide'], fragment: undefined },
    ]);
  });

  test('skips a link to a site with no page path, and text that only looks like a link', () => {
    expect(pageLinks('our wiki at https://wiki.acme.internal and http://[broken')).toEqual([]);
  });

  test('decodes escaped characters in the path and the fragment', () => {
    expect(pageLinks('https://kb.example/ja/%E3%82%A8%E3%83%A9%E3%83%BC/#%E5%8E%9F%E5%9B%A0')).toEqual([{ url: 'https://kb.example/ja/%E3%82%A8%E3%83%A9%E3%83%BC/#%E5%8E%9F%E5%9B%A0', segments: ['ja', 'エラー'], fragment: '原因' }]);
  });
});

describe('sourcePage', () => {
  test('reads a path with an anchor, a URL, and nothing from a reference that names no page', () => {
    expect(sourcePage('docs/config/server-options.md#serverfsallow')).toEqual({ segments: ['docs', 'config', 'server-options'], fragment: 'serverfsallow' });
    expect(sourcePage('https://nodejs.org/api/errors.html#err_invalid_arg_type')).toMatchObject({ segments: ['api', 'errors'], fragment: 'errinvalidargtype' });
    expect(sourcePage('README.md')).toBeUndefined();
  });
});

describe('samePage', () => {
  const page = (...segments: string[]) => ({ segments, fragment: undefined });
  test('one path ends with the other, whole names only', () => {
    expect(samePage(page('config', 'server-options'), page('docs', 'config', 'server-options'))).toBe(true);
    expect(samePage(page('kb', 'error', 'frontmatter-schema'), page('error', 'frontmatter-schema'))).toBe(true);
    expect(samePage(page('options'), page('docs', 'server-options'))).toBe(false);
    expect(samePage(page('guide', 'options'), page('docs', 'config', 'options'))).toBe(false);
  });
});

describe('linkedAtoms', () => {
  const pages: AtomPage[] = [
    ['error/frontmatter-schema', 'error/frontmatter-schema'],
    ['ja/error/frontmatter-schema', 'ja/error/frontmatter-schema'],
    ['guide/a', 'docs/a/guide.md'],
    ['guide/b', 'docs/b/guide.md'],
    ['config/server-options-fs', 'docs/config/server-options.md#server-fs-allow'],
    ['config/server-options', 'docs/config/server-options.md'],
  ].map(([atomId, ref]) => ({ atomId: atomId!, page: sourcePage(ref!)! }));

  test('a link finds the page whose path is closest to its own: /kb/error/x/ is the English page, not /ja/error/x/', () => {
    expect(linkedAtoms('see https://kb.example/kb/error/frontmatter-schema/', pages)).toEqual(new Map([['error/frontmatter-schema', 'https://kb.example/kb/error/frontmatter-schema/']]));
    expect(linkedAtoms('https://kb.example/ja/error/frontmatter-schema/', pages)).toEqual(new Map([['ja/error/frontmatter-schema', 'https://kb.example/ja/error/frontmatter-schema/']]));
  });

  test('a link to a section finds the atom made from that section, and a link to the page the whole page', () => {
    expect([...linkedAtoms('Refer to docs https://vite.dev/config/server-options.html#server-fs-allow for configurations', pages).keys()]).toEqual(['config/server-options-fs']);
    expect([...linkedAtoms('https://vite.dev/config/server-options.html', pages).keys()]).toEqual(['config/server-options']);
  });

  test('a section is found by its page name and fragment when the site and the docs folder name folders differently', () => {
    expect([...linkedAtoms('https://vite.dev/api/server-options.html#server-fs-allow', pages).keys()]).toEqual(['config/server-options-fs']);
  });

  test('a link that could be to several pages finds none, and a link to no page of these docs none either', () => {
    expect(linkedAtoms('https://example.com/guide', pages)).toEqual(new Map());
    expect(linkedAtoms('https://example.com/elsewhere/entirely', pages)).toEqual(new Map());
  });
});
