import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { describe, expect, test } from 'vitest';
import { remarkSafeMarkup } from './remark-safe-markup.js';

function run(markdown: string): Root {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  remarkSafeMarkup()(tree);
  return tree;
}

describe(remarkSafeMarkup, () => {
  test('turns a raw HTML block into a code block that shows the markup', () => {
    expect(run('<img src=x onerror="alert(1)">').children).toEqual([expect.objectContaining({ type: 'code', value: '<img src=x onerror="alert(1)">' })]);
  });

  test('turns inline HTML into text', () => {
    const paragraph = run('Before <script>alert(1)</script> after').children[0] as { children: { type: string }[] };
    expect(paragraph.children.map((child) => child.type)).toEqual(['text', 'text', 'text', 'text', 'text']);
  });

  test.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox'])('drops the URL of a %j link', (url) => {
    const link = (run(`[x](<${url}>)`).children[0] as { children: { url: string }[] }).children[0]!;
    expect(link.url).toBe('#');
  });

  test.each(['https://example.org/a', 'mailto:docs@example.org', '/error/x/', '../x/', '#faq', 'page?x=1'])('keeps the URL of a %j link', (url) => {
    const link = (run(`[x](${url})`).children[0] as { children: { url: string }[] }).children[0]!;
    expect(link.url).toBe(url);
  });
});
