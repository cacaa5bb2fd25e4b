import { describe, expect, test } from 'vitest';
import { htmlTableAsMarkdown } from './html-tables.js';

describe('htmlTableAsMarkdown', () => {
  test('a table of text becomes a GFM table: header row, inline code and links kept, a pipe in a cell escaped', () => {
    const html = [
      '<table>',
      '  <tr><th>Context</th><th>Example</th></tr>',
      '  <tr valign="top"><td>Default</td><td><code>regex`${x}`</code> or <a href="https://example.com/a">a | b</a></td></tr>',
      '  <tr><td>Class <b>[…]</b></td><td>•&nbsp;Sandboxed <br> •&nbsp;Escaped</td></tr>',
      '</table>',
    ].join('\n');
    expect(htmlTableAsMarkdown(html)).toBe(
      [
        '| Context | Example |',
        '| - | - |',
        '| Default | `` regex`${x}` `` or [a \\| b](https://example.com/a) |',
        '| Class **\\[…]** | •\u00a0Sandboxed •\u00a0Escaped |',
      ].join('\n'),
    );
  });

  test('a one-row table only lays its cells out: they become paragraphs', () => {
    expect(htmlTableAsMarkdown('<table align="center"><tr><td><img alt="Acme logo" src="logo.png"></td><td><p>Sponsored by <b>Acme</b></p></td><td> </td></tr></table>')).toBe(
      '![Acme logo](logo.png)\n\nSponsored by **Acme**',
    );
  });

  test('a caption is a bold line above the table; spanned cells keep their place', () => {
    expect(htmlTableAsMarkdown('<table><caption>Flags</caption><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td colspan="2">wide</td></tr><tr><td>x</td><td>y</td></tr></tbody></table>')).toBe(
      '**Flags**\n\n| a | b |\n| - | - |\n| wide | |\n| x | y |',
    );
  });

  test('a one-row table whose cells hold blocks gives the blocks, one after the other', () => {
    expect(htmlTableAsMarkdown('<table><tr><td><p>Sponsor</p><ul><li>one</li></ul></td><td><pre>code</pre></td></tr></table>')).toBe('Sponsor\n\n* one\n\n```\ncode\n```');
  });

  test('a table whose cells hold blocks, or that is not one whole table, stays as written', () => {
    expect(htmlTableAsMarkdown('<table><tr><td><p>one</p><p>two</p></td></tr><tr><td>x</td></tr></table>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<table><tr><th>Python</th></tr><tr><td><pre>pipe = pipeline()</pre></td></tr></table>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<table><tr><td><ul><li>a</li></ul></td></tr><tr><td>b</td></tr></table>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<table><tr><td><table><tr><td>a</td></tr></table></td></tr></table>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<table>\n<tr>\n<td>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<table></table>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<table><tr><td>a</td></tr></table>\n<table><tr><td>b</td></tr></table>')).toBeUndefined();
    expect(htmlTableAsMarkdown('<div><table><tr><td>a</td></tr></table></div>')).toBeUndefined();
  });
});
