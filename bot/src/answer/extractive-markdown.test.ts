/**
 * Every section of every atom of this knowledge base, composed as an extractive answer (as a
 * how-to, a what-is and a plain question, from units cut small enough that long sections are
 * split), is well-formed Markdown: its code fences are balanced, its numbered lists start at 1
 * and count up, its tables keep their heads, and it holds no HTML.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadAtoms } from '../../../tooling/src/atom/load.js';
import { markdownProblems, sectionAnswerProblems } from '../../test/markdown-problems.js';

const root = fileURLToPath(new URL('../../../atoms/', import.meta.url));
const atoms = loadAtoms({ root, locales: ['ja'] });

describe('extractive answers over every atom section', () => {
  for (const maxTokens of [160, 256]) {
    test(`are well-formed Markdown with units of at most ${maxTokens} tokens`, () => {
      expect(sectionAnswerProblems(atoms, maxTokens).slice(0, 40)).toEqual([]);
    });
  }

  test('the check finds an unclosed fence, a list begun in the middle, raw HTML and table rows without their head', () => {
    expect(markdownProblems('```sh\nrun\n\n3. Three\n4. Four\n\n<div>x</div>')).toEqual(['a code fence is never closed']);
    expect(markdownProblems('3. Three\n4. Four\n\n<div>x</div>\n')).toEqual(['a numbered list starts at 3', 'raw HTML: <div>x</div>']);
    expect(markdownProblems('| a | b |\n| - | - |\n\n| 1 | 2 |\n| 3 | 4 |')).toEqual(['table rows outside a table: | 1 | 2 |\n| 3 | 4 |']);
    expect(markdownProblems('| a | b |\n| - | - |\n| 1 | 2 |')).toEqual([]);
  });
});
