import { describe, expect, test } from 'vitest';
import { faqProblems, parseFaq } from './faq.js';

describe('parseFaq', () => {
  test('reads pairs written as consecutive lines of one paragraph', () => {
    expect(parseFaq('Q: Why?\nA: Because.\n\nQ: How?\nA: Like this.', 10)).toEqual([
      { question: 'Why?', answer: 'Because.', line: 10, answerLine: 11 },
      { question: 'How?', answer: 'Like this.', line: 13, answerLine: 14 },
    ]);
  });

  test('reads pairs written as separate paragraphs, with multi-paragraph answers', () => {
    const pairs = parseFaq('**Q:** Can I skip it?\n\n**A:** No.\n\nIt is required.\n\nQ：日本語？\nA：はい。');
    expect(pairs.map((p) => [p.question, p.answer])).toEqual([
      ['Can I skip it?', 'No.\n\nIt is required.'],
      ['日本語？', 'はい。'],
    ]);
  });

  test('keeps a question without an answer so lint can report it', () => {
    expect(parseFaq('Q: Lonely?')).toEqual([{ question: 'Lonely?', answer: '', line: 1, answerLine: undefined }]);
  });

  test('ignores Q: lines inside fenced code', () => {
    expect(parseFaq('```\nQ: not a question\n```\nQ: real?\nA: yes')).toEqual([
      { question: 'real?', answer: 'yes', line: 4, answerLine: 5 },
    ]);
  });
});

describe('faqProblems', () => {
  test.each([
    ['pairs on consecutive lines and in paragraphs', 'Q: Why?\nA: Because.\n\nQ: How?\n\nA: Like this.\n\n```sh\nnpm test\n```', []],
    ['text before the first question', 'Intro.\nMore intro.\n\nQ: Why?\nA: Because.', ['outside-pair 10']],
    ['a question without an answer', 'Q: Why?\nA: Because.\n\nQ: Lonely?', ['question-without-answer 13']],
    ['an answer without a question', 'A: Orphan.', ['answer-without-question 10']],
    ['nothing at all', '', ['empty 10']],
  ])('%s', (_name, markdown, expected) => {
    expect(faqProblems(markdown, 10).map((p) => `${p.messageId} ${p.line}`)).toEqual(expected);
  });
});
