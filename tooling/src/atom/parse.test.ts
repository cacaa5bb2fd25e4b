import { describe, expect, test } from 'vitest';
import { MAX_NESTING } from './nesting.js';
import { parseAtomText } from './parse.js';

const text = '\ufeff---\r\ntitle: X\r\ntags: [a, b]\r\n---\r\n\r\n## Steps\r\n\r\n1. One.\r\n';
const over = MAX_NESTING + 1;

describe('parseAtomText', () => {
  test('parses the header but not the body of a text its caller asks it to skip', () => {
    const full = parseAtomText(text);
    const skipped = parseAtomText(text, { skipBody: true });
    expect(skipped.data).toEqual(full.data);
    expect(skipped.frontmatter?.range).toEqual(full.frontmatter?.range);
    expect(skipped.positionOf(['tags', 1])).toEqual(full.positionOf(['tags', 1]));
    expect(skipped.text).toBe(full.text);
    expect(full.sections.map((section) => section.heading.text)).toEqual(['Steps']);
    expect(skipped.tree.children).toEqual([]);
    expect([skipped.sections, skipped.headings, skipped.words]).toEqual([[], [], 0]);
  });

  test("reports the header's problems of a text whose body it skips", () => {
    const skipped = parseAtomText('---\ntitle: X\ntitle: Y\n---\n\nBody\n', { skipBody: true });
    expect(skipped.problems.map((problem) => problem.code)).toEqual(['frontmatter/duplicate-key']);
  });

  test.each([
    ['block quotes in block quotes', '>'.repeat(over) + ' x\n'],
    ['block quotes spread over lines', Array.from({ length: over }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n') + '\n'],
    ['lists nested by indent', Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n') + '\n'],
    ['list items opening items on one line', '- '.repeat(over) + 'x\n'],
    ['emphasis in emphasis', '*a '.repeat(over) + 'x' + ' a*'.repeat(over) + '\n'],
    ['emphasis in a link, over two lines', '[' + '*a '.repeat(over) + '\nx' + ' a*'.repeat(over) + '](u)\n'],
    ['strong and strikethrough in each other', '**a ~~b '.repeat(60) + 'x' + ' b~~ a**'.repeat(60) + '\n'],
    ['emphasis in a table cell', '| a |\n| - |\n| ' + '*a '.repeat(over) + 'x' + ' a*'.repeat(over) + ' |\n'],
  ])('refuses %s in a body it was asked to skip, as a full parse refuses it', (_name, body) => {
    const atom = `---\ntitle: Deep\n---\n\nLead.\n\n${body}`;
    const full = parseAtomText(atom);
    expect(full.problems.map((problem) => problem.code)).toEqual(['file/too-deep']);
    expect(parseAtomText(atom, { skipBody: true }).problems).toEqual(full.problems);
  });
});
