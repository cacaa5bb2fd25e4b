import { describe, expect, test } from 'vitest';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import fc from 'fast-check';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { parseMarkdown } from '../atom/markdown.js';
import { faqGroups, faqGroupsOf, publishedFaq, remarkAtomFaq } from './faq.js';
import { atomRemarkPlugins } from './markdown-plugins.js';

const render = async (markdown: string) =>
  String(await unified().use(remarkParse).use(remarkAtomFaq).use(remarkRehype).use(rehypeStringify).process(markdown));

describe('remarkAtomFaq', () => {
  test('turns the pairs of a FAQ section into a definition list and keeps the heading', async () => {
    const html = await render('## Steps\n\nQ: not a pair here\n\n## FAQ\n\nQ: Why?\nA: Because `x`.\n\nQ: **Really**?\n\nA: Yes.\n\n- one\n- two\n');
    expect(html).toContain('<h2>FAQ</h2>\n<dl class="atom-faq"><dt id="q-why">Why?</dt><dd><p>Because <code>x</code>.</p></dd><dt id="q-really"><strong>Really</strong>?</dt><dd><p>Yes.</p><ul>\n<li>one</li>');
    // Outside the FAQ section a `Q:` line is ordinary text.
    expect(html).toContain('<p>Q: not a pair here</p>');
  });

  test('renders the body of a faq atom, grouped under headings, as pairs', async () => {
    const html = await render('**Q:** One?\n**A:** First.\n\n## Billing\n\nQ: Two?\nA: Second.\n');
    expect(html.match(/<dl class="atom-faq">/g)).toHaveLength(2);
    expect(html).toContain('<h2>Billing</h2>');
    expect(html).toContain('<dt id="q-two">Two?</dt><dd><p>Second.</p></dd>');
  });

  test('leaves a FAQ section without pairs as written', async () => {
    expect(await render('## FAQ\n\nAsk the team.\n')).toBe('<h2>FAQ</h2>\n<p>Ask the team.</p>');
  });

  test('does not treat Q: inside a code block as a question', async () => {
    const html = await render('## FAQ\n\nQ: Which?\nA: This:\n\n```\nQ: inside\n```\n');
    expect(html).toContain('<dt id="q-which">Which?</dt>');
    expect(html).not.toContain('>inside</dt>');
  });
});

describe('faqGroupsOf', () => {
  const groups = async (markdown: string) => {
    const file = await unified().use(remarkParse).use(remarkGfm).use(remarkAtomFaq).use(remarkRehype).use(rehypeStringify).process(markdown);
    return faqGroupsOf((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter);
  };

  test('keeps the pairs of every run of the body, each marked whether it is in the FAQ section', async () => {
    expect(await groups('## Steps\n\n1. Do.\n\nQ: Early?\nA: Yes.\n\n## FAQ\n\nQ: Why?\nA: Because.\n\n### More\n\nQ: And?\nA: So.\n')).toEqual([
      { inFaqSection: false, pairs: [{ question: 'Early?', answer: 'Yes.' }] },
      { inFaqSection: true, pairs: [{ question: 'Why?', answer: 'Because.' }] },
      { inFaqSection: true, pairs: [{ question: 'And?', answer: 'So.' }] },
    ]);
  });

  test('is empty for a body without pairs', async () => {
    expect(await groups('## FAQ\n\nAsk the team.\n')).toEqual([]);
  });
});

describe('publishedFaq', () => {
  const found = [
    { inFaqSection: false, pairs: [{ question: 'One?', answer: '1.' }] },
    { inFaqSection: true, pairs: [{ question: 'Two?', answer: '2.' }] },
  ];

  test('takes the pairs of the FAQ section of an atom', () => {
    expect(publishedFaq(found, 'procedure')).toEqual([{ question: 'Two?', answer: '2.' }]);
  });

  test('takes the pairs of the whole body of a faq atom', () => {
    expect(publishedFaq(found, 'faq').map((pair) => pair.question)).toEqual(['One?', 'Two?']);
  });
});

describe('remarkAtomFaq in the site pipeline', () => {
  /** Starlight's directive syntax (asides), which the atom parser does not know. */
  function directives(this: Processor) {
    const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
    (data.micromarkExtensions ??= []).push(directive());
    (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown());
  }
  const PIECES = ['## FAQ\n\n', '## Steps\n\n', '### Group\n\n', 'FAQ\n---\n\n', '## :abbr[FAQ]\n\n', ':::note\n', ':::\n', '::leaf\n', 'Q: Why?\n', 'A: So.\n', '**Q:** How?\n', '\n', '\n\n', '> ', '- ', '```\n', '<div>\n', 'text ', 'a:b ', '[^1]: n\n'];

  test('gives the page the pairs the atom parser reads, with Astro\'s and Starlight\'s syntax (1,000 cases)', async () => {
    const processor = await createMarkdownProcessor({ remarkPlugins: [directives, ...atomRemarkPlugins], syntaxHighlight: false });
    const bodies = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), { numRuns: 1000, seed: 5 });
    for (const pieces of bodies) {
      const body = pieces.join('');
      const { metadata } = await processor.render(body);
      expect(faqGroupsOf(metadata.frontmatter), JSON.stringify(body)).toEqual(faqGroups(parseMarkdown(body), body));
    }
  });
});
