/** `body/faq-format`: FAQ sections, and the body of a `faq` atom, hold only `Q:` / `A:` pairs. */
import { faqProblems } from '../../atom/faq.js';
import { isFaqHeading } from '../../atom/sections.js';
import { atomType, bodyOffset } from '../atom-facts.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'body/faq-format',
    description: 'A FAQ holds something other than conversational `Q:` / `A:` pairs.',
    defaultSeverity: 'error',
    messages: {
      'outside-pair': 'Expected a `Q:` or `A:` line in {where}, found `{found}`.',
      'question-without-answer': 'The question `{found}` has no answer; expected an `A:` line after it.',
      'answer-without-question': 'The answer `{found}` has no question; expected a `Q:` line before it.',
      empty: '{where} has no `Q:` / `A:` pairs.',
    },
  },
  check(atom, ctx) {
    const blocks: { where: string; markdown: string; offset: number }[] = [];
    if (atomType(atom) === 'faq') {
      const start = bodyOffset(atom);
      blocks.push({ where: 'a faq atom', markdown: atom.text.slice(start), offset: start });
    } else {
      for (const section of atom.sections) {
        if (!isFaqHeading(section.heading.text)) continue;
        blocks.push({ where: `the \`## ${section.heading.text}\` section`, markdown: atom.text.slice(section.startOffset, section.endOffset), offset: section.startOffset });
      }
    }
    for (const block of blocks) {
      const firstLine = atom.lines.position(block.offset).line;
      const lines = block.markdown.split('\n');
      for (const problem of faqProblems(block.markdown, firstLine)) {
        // In a faq atom, headings only group questions.
        if (problem.messageId === 'outside-pair' && /^#{1,6}\s/.test(lines[problem.line - firstLine] ?? '')) continue;
        const where = problem.messageId === 'empty' ? block.where.charAt(0).toUpperCase() + block.where.slice(1) : block.where;
        ctx.report({
          messageId: problem.messageId,
          data: { where, found: problem.found },
          range: { start: { line: problem.line, column: 1 }, end: { line: problem.line, column: Math.max(1, (lines[problem.line - firstLine] ?? '').length + 1) } },
          hint: 'Write each entry as a line starting `Q:` followed by a line (or paragraph) starting `A:`.',
        });
      }
    }
  },
};
export default rule;
