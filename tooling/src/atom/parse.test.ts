import { describe, expect, test } from 'vitest';
import { parseAtomText } from './parse.js';

const text = '\ufeff---\r\ntitle: X\r\ntags: [a, b]\r\n---\r\n\r\n## Steps\r\n\r\n1. One.\r\n';

describe('parseAtomText', () => {
  test('parses the header but not the body of a text its caller asks it to skip', () => {
    const full = parseAtomText(text);
    const skipped = parseAtomText(text, { parseBody: () => false });
    expect(skipped.data).toEqual(full.data);
    expect(skipped.frontmatter?.range).toEqual(full.frontmatter?.range);
    expect(skipped.positionOf(['tags', 1])).toEqual(full.positionOf(['tags', 1]));
    expect(skipped.text).toBe(full.text);
    expect(full.sections.map((section) => section.heading.text)).toEqual(['Steps']);
    expect(skipped.tree.children).toEqual([]);
    expect([skipped.sections, skipped.headings, skipped.words]).toEqual([[], [], 0]);
  });

  test('asks about the text as parsed, without its BOM and with LF line endings', () => {
    const asked: string[] = [];
    parseAtomText(text, { parseBody: (normalized) => asked.push(normalized) > 0 });
    expect(asked).toEqual(['---\ntitle: X\ntags: [a, b]\n---\n\n## Steps\n\n1. One.\n']);
  });

  test('reports the header\'s problems of a text whose body it skips', () => {
    const skipped = parseAtomText('---\ntitle: X\ntitle: Y\n---\n\nBody\n', { parseBody: () => false });
    expect(skipped.problems.map((problem) => problem.code)).toEqual(['frontmatter/duplicate-key']);
  });
});
