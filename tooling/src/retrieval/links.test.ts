import { describe, expect, test } from 'vitest';
import { pageLinks, samePage, sourcePage } from './links.js';

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
