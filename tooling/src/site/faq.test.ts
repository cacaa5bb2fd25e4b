import { describe, expect, test } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { atomFromText } from '../atom/load.js';
import { atomFaq, remarkAtomFaq } from './faq.js';

const render = async (markdown: string) =>
  String(await unified().use(remarkParse).use(remarkAtomFaq).use(remarkRehype).use(rehypeStringify).process(markdown));

const header = (type: string) =>
  `---\ntitle: An atom\nsummary: An atom used to test FAQ pairs.\ntype: ${type}\nauthor: t\ncreated: 2025-01-01\nversion: 1.0.0\ntags: []\nrelated: []\n---\n`;

describe('remarkAtomFaq', () => {
  test('turns the pairs of a FAQ section into a definition list and keeps the heading', async () => {
    const html = await render('## Steps\n\nQ: not a pair here\n\n## FAQ\n\nQ: Why?\nA: Because `x`.\n\nQ: **Really**?\n\nA: Yes.\n\n- one\n- two\n');
    expect(html).toContain('<h2>FAQ</h2>\n<dl class="atom-faq"><dt>Why?</dt><dd><p>Because <code>x</code>.</p></dd><dt><strong>Really</strong>?</dt><dd><p>Yes.</p><ul>\n<li>one</li>');
    // Outside the FAQ section a `Q:` line is ordinary text.
    expect(html).toContain('<p>Q: not a pair here</p>');
  });

  test('renders the body of a faq atom, grouped under headings, as pairs', async () => {
    const html = await render('**Q:** One?\n**A:** First.\n\n## Billing\n\nQ: Two?\nA: Second.\n');
    expect(html.match(/<dl class="atom-faq">/g)).toHaveLength(2);
    expect(html).toContain('<h2>Billing</h2>');
    expect(html).toContain('<dt>Two?</dt><dd><p>Second.</p></dd>');
  });

  test('leaves a FAQ section without pairs as written', async () => {
    expect(await render('## FAQ\n\nAsk the team.\n')).toBe('<h2>FAQ</h2>\n<p>Ask the team.</p>');
  });

  test('does not treat Q: inside a code block as a question', async () => {
    const html = await render('## FAQ\n\nQ: Which?\nA: This:\n\n```\nQ: inside\n```\n');
    expect(html).toContain('<dt>Which?</dt>');
    expect(html).not.toContain('<dt>inside</dt>');
  });
});

describe('atomFaq', () => {
  test('reads the pairs of the FAQ section with their text', () => {
    const atom = atomFromText('/a/x.md', `${header('procedure')}\n## Steps\n\n1. Do.\n\n## FAQ\n\nQ: Why?\nA: Because.\n`, { root: '/a' });
    expect(atomFaq(atom).map(({ question, answer }) => ({ question, answer }))).toEqual([{ question: 'Why?', answer: 'Because.' }]);
  });

  test('reads the whole body of a faq atom', () => {
    const atom = atomFromText('/a/x.md', `${header('faq')}\nQ: One?\nA: 1.\n\n## Group\n\nQ: Two?\nA: 2.\n`, { root: '/a' });
    expect(atomFaq(atom).map((pair) => pair.question)).toEqual(['One?', 'Two?']);
  });

  test('has no pairs for an atom without a FAQ', () => {
    expect(atomFaq(atomFromText('/a/x.md', `${header('pitfall')}\n## Why\n\nQ: not here\nA: no\n`, { root: '/a' }))).toEqual([]);
  });
});
