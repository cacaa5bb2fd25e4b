import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../atom/markdown.js';
import { definitionsOf, withInlineReferences } from './reference-links.js';

const inline = (markdown: string) => {
  const tree = parseMarkdown(markdown);
  const definitions = definitionsOf(tree);
  return withInlineReferences(markdown, tree.children[0]!, definitions);
};

describe('withInlineReferences', () => {
  test('writes full, collapsed and shortcut references inline, code in the text kept', () => {
    const markdown = '`true` after [`agent.close()`][] has been called; see [the pool][pool] and [Client].\n\n[`agent.close()`]: /agent/#close\n[pool]: /pool/ "Pools"\n[client]: </client page/>';
    expect(inline(markdown)).toBe('`true` after [`agent.close()`](/agent/#close) has been called; see [the pool](/pool/ "Pools") and [Client](</client page/>).');
  });

  test('writes images inline and leaves brackets with no definition, and code, as written', () => {
    const markdown = '![logo][img] and [not a link] and `[x][img]`\n\n[img]: /logo.png';
    expect(inline(markdown)).toBe('![logo](/logo.png) and [not a link] and `[x][img]`');
  });
});
