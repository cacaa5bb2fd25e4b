import fc from 'fast-check';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, test } from 'vitest';
import { atomRemarkPlugins } from './markdown-plugins.js';

/** Markup that runs script when a page takes it as HTML, as authors or pasted logs could write it. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<a href="javascript:window.__xss=1">x</a>',
  '<script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<details open ontoggle="window.__xss=1">',
  '[x](javascript:window.__xss=1)',
  '[x](<JaVaScRiPt:window.__xss=1>)',
  '![x](javascript:window.__xss=1)',
  '[x][r]\n\n[r]: javascript:window.__xss=1',
  '<style>*{}</style>',
];
const PIECES = [...PAYLOADS, 'Q: ', 'A: ', '**Q:** ', '\n', '\n\n', '- ', '> ', '`', '```\n', 'word', '?', '## FAQ\n\n', '## Group\n\n'];

/** Every element, handler or URL in rendered HTML that could run script (Markdown images are fine). */
function dangers(html: string): string[] {
  const tree = fromHtml(html, { fragment: true });
  const found = selectAll('script, style, svg, iframe, object, embed, details', tree).map((node) => node.tagName);
  for (const node of selectAll('*', tree)) {
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
      if ((name === 'href' || name === 'src') && /^\s*(javascript|data|vbscript):/i.test(String(value))) found.push(`${node.tagName}[${name}=${String(value)}]`);
    }
  }
  return found;
}

let processor: MarkdownRenderer;
const render = async (markdown: string) => (await processor.render(markdown)).code;

beforeAll(async () => {
  // Astro's own Markdown pipeline (raw HTML allowed through to rehype-raw), as the site runs it.
  processor = await createMarkdownProcessor({ remarkPlugins: [...atomRemarkPlugins], syntaxHighlight: false });
});

describe('atomRemarkPlugins', () => {
  test('shows the hostile markup of FAQ questions and answers as text', async () => {
    const html = await render(
      '## Steps\n\nText.\n\n## FAQ\n\nQ: Okapi question <img src=x onerror="window.__xss=1">?\nA: Okapi answer <svg onload="window.__xss=1"></svg> <a href="javascript:window.__xss=1">x</a>\n',
    );
    expect(html).toContain('<dl class="atom-faq">');
    expect(dangers(html)).toEqual([]);
    // The question's anchor keeps only letters, digits and dashes of it.
    expect(html).toContain('<dt id="q-okapi-question-img-srcx-onerrorwindow__xss1">Okapi question &#x3C;img src=x onerror="window.__xss=1">?</dt>');
  });

  test('renders a GitHub alert as a labelled blockquote, and leaves other blockquotes as they are', async () => {
    const html = await render('> [!WARNING]\n> Back up the store first.\n\n> [!NOTE] inline\n\n> A quote.');
    expect(html).toContain('<blockquote class="atom-alert atom-alert-warning">\n<p><strong>Warning</strong></p>\n<p>Back up the store first.</p>\n</blockquote>');
    expect(html).toContain('<blockquote>\n<p>[!NOTE] inline</p>\n</blockquote>');
    expect(html).toContain('<blockquote>\n<p>A quote.</p>\n</blockquote>');
  });

  test('renders no script, handler or script URL from generated bodies and FAQ pairs (500 cases)', async () => {
    const bodies = fc.sample(
      fc.tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), fc.array(fc.tuple(fc.constantFrom(...PAYLOADS), fc.constantFrom(...PAYLOADS)), { minLength: 1, maxLength: 3 })),
      { numRuns: 500, seed: 17 },
    );
    for (const [pieces, pairs] of bodies) {
      const markdown = `${pieces.join('')}\n\n## FAQ\n\n${pairs.map(([q, a]) => `Q: Why ${q}?\nA: Because ${a}`).join('\n\n')}\n`;
      expect(dangers(await render(markdown)), markdown).toEqual([]);
    }
  });
});
