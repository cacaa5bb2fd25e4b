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

export interface FaqProblem {
  /** `outside-pair` (text that is not part of a Q/A pair), `question-without-answer`, `answer-without-question`, `empty`. */
  readonly messageId: 'outside-pair' | 'question-without-answer' | 'answer-without-question' | 'empty';
  /** 1-based file line. */
  readonly line: number;
  /** The offending line, shortened. */
  readonly found: string;
}

/**
 * What keeps `markdown` from being only Q/A pairs, read with the same markers as `parseFaq`.
 *
 * @example faqProblems('Intro.\n\nQ: Why?', 5).map((p) => p.messageId) //=> ['outside-pair', 'question-without-answer']
 */
export function faqProblems(markdown: string, firstLine = 1): FaqProblem[] {
  if (typeof markdown !== 'string') throw new TypeError(`Expected a string, got \`${typeof markdown}\``);
  const problems: FaqProblem[] = [];
  let state = 'none' as 'none' | 'question' | 'answer';
  let question: { line: number; found: string } | undefined;
  let fence: string | undefined;
  let pairs = 0;
  let strayLine = -1;
  markdown.split(/\r?\n/).forEach((text, i) => {
    const line = firstLine + i;
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(text);
    const inCode = fence !== undefined || fenceMatch !== null;
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1]![0];
      else if (fenceMatch[1]![0] === fence) fence = undefined;
    }
    const found = shorten(text);
    if (!inCode && QUESTION.test(text)) {
      if (state === 'question' && question) problems.push({ messageId: 'question-without-answer', ...question });
      state = 'question';
      question = { line, found };
    } else if (!inCode && ANSWER.test(text)) {
      if (state === 'question') {
        state = 'answer';
        pairs++;
      } else problems.push({ messageId: 'answer-without-question', line, found });
    } else if (state === 'none' && (text.trim() !== '' && !/^\s*<!--.*-->\s*$/.test(text))) {
      // Only the first line of a stray block is reported.
      if (strayLine !== line - 1) problems.push({ messageId: 'outside-pair', line, found });
      strayLine = line;
    }
  });
  if (state === 'question' && question) problems.push({ messageId: 'question-without-answer', ...question });
  if (pairs === 0 && problems.length === 0) problems.push({ messageId: 'empty', line: firstLine, found: '' });
  return problems;
}

function shorten(text: string): string {
  const line = text.trim();
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
}
