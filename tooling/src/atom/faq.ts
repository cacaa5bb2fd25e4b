/**
 * Reads conversational Q/A pairs out of a section's Markdown: `Q:` and `A:` lines, either
 * consecutive lines of one paragraph or separate paragraphs, with the line each starts on. The
 * search index makes each pair its own unit; lint checks them.
 */

export interface FaqPair {
  readonly question: string;
  readonly answer: string;
  /** 1-based line of the `Q:` line in the file. */
  readonly line: number;
  /** 1-based line of the `A:` line, when there is one. */
  readonly answerLine: number | undefined;
}

// `Q:`, `**Q:**`, `Q.`, `Q：` (full-width colon) and `Question:` all start a question.
const QUESTION = /^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:Q|Question|質問)(?:\*\*|__)?\s*[:.：](?:\*\*|__)?\s*(.*)$/i;
const ANSWER = /^\s*(?:[-*]\s+)?(?:\*\*|__)?(?:A|Answer|回答)(?:\*\*|__)?\s*[:.：](?:\*\*|__)?\s*(.*)$/i;

/**
 * @param markdown The section's Markdown (without its heading).
 * @param firstLine File line of the Markdown's first line. @default 1
 * @example parseFaq('Q: Why?\nA: Because.') //=> [{ question: 'Why?', answer: 'Because.', line: 1, answerLine: 2 }]
 */
export function parseFaq(markdown: string, firstLine = 1): FaqPair[] {
  if (typeof markdown !== 'string') throw new TypeError(`Expected a string, got \`${typeof markdown}\``);
  const pairs: FaqPair[] = [];
  let current: { question: string[]; answer: string[]; line: number; answerLine: number | undefined; inAnswer: boolean } | undefined;
  let fence: string | undefined;
  const flush = () => {
    if (current) {
      pairs.push({
        question: current.question.join('\n').trim(),
        answer: current.answer.join('\n').trim(),
        line: current.line,
        answerLine: current.answerLine,
      });
    }
    current = undefined;
  };
  markdown.split(/\r?\n/).forEach((text, i) => {
    const line = firstLine + i;
    // Q:/A: inside a code block is an example, not a pair.
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(text);
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0];
      else if (fenceMatch[1]![0] === fence) fence = undefined;
    }
    const question = fence === undefined && !fenceMatch ? QUESTION.exec(text) : null;
    const answer = fence === undefined && !fenceMatch ? ANSWER.exec(text) : null;
    if (question) {
      flush();
      current = { question: [question[1]!], answer: [], line, answerLine: undefined, inAnswer: false };
    } else if (answer && current && !current.inAnswer) {
      current.inAnswer = true;
      current.answerLine = line;
      current.answer.push(answer[1]!);
    } else if (current) {
      (current.inAnswer ? current.answer : current.question).push(text);
    }
  });
  flush();
  return pairs;
}
