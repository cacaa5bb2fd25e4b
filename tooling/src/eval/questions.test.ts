import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadQuestionSet, parseQuestionSet, QuestionSetError, splitOf } from './questions.js';

const valid = `questions:
  - id: schema-tags
    text: lint says my tags have the wrong form, what form do they want?
    kind: paraphrase
    gold: [error/frontmatter-schema]
    facts: [lower case]
  - id: bom
    text: "file/bom: the file starts with a byte order mark"
    kind: pasted-error
    language: en-GB
    gold: [error/file-bom, error/file-encoding]
`;

function errorOf(text: string): QuestionSetError {
  try {
    parseQuestionSet(text, 'eval/questions.yaml');
  } catch (error) {
    if (error instanceof QuestionSetError) return error;
    throw error;
  }
  throw new Error('expected a QuestionSetError');
}

describe('parseQuestionSet', () => {
  test('reads questions with their line and fills in language and facts', () => {
    const set = parseQuestionSet(valid, 'q.yaml');
    expect(set.questions.map((q) => [q.id, q.line, q.language, q.facts])).toEqual([
      ['schema-tags', 2, 'en', ['lower case']],
      ['bom', 7, 'en-GB', []],
    ]);
    expect(set.questions[1]?.gold).toEqual(['error/file-bom', 'error/file-encoding']);
  });

  test('points at the line and column of a YAML syntax error', () => {
    const error = errorOf('questions:\n  - id: a\n    text: [unclosed\n');
    expect(error.message).toMatch(/^Invalid YAML/);
    expect(error.start.line).toBeGreaterThanOrEqual(3);
    expect(error.format()).toMatch(/^eval\/questions\.yaml:\d+:\d+: Invalid YAML/);
  });

  test('points at the value that breaks the schema', () => {
    const error = errorOf(valid.replace('kind: paraphrase', 'kind: rant'));
    expect(error.start).toEqual({ line: 4, column: 11 });
    expect(error.message).toMatch(/kind/);
  });

  test('points at an unknown key', () => {
    const error = errorOf(valid.replace('    facts: [lower case]', '    answer: something'));
    expect(error.start.line).toBe(6);
    expect(error.message).toMatch(/answer/);
  });

  test('refuses a duplicate id on the line of the second one', () => {
    const error = errorOf(valid.replace('id: bom', 'id: schema-tags'));
    expect(error.message).toBe('Duplicate question id `schema-tags` (first used on line 2).');
    expect(error.start.line).toBe(7);
  });

  test.each([
    ['an empty file', ''],
    ['a list at the top', '- a\n- b\n'],
    ['a scalar', 'hello'],
    ['no questions', 'questions: []\n'],
    ['a question without gold', 'questions:\n  - {id: a, text: how?, kind: vague, gold: []}\n'],
    ['a gold id with spaces', 'questions:\n  - {id: a, text: how?, kind: vague, gold: [error/x y]}\n'],
    ['a blank text', 'questions:\n  - {id: a, text: "   ", kind: vague, gold: [error/x]}\n'],
  ])('refuses %s with a positioned error', (_name, text) => {
    const error = errorOf(text);
    expect(error.start.line).toBeGreaterThanOrEqual(1);
    expect(error.message.length).toBeGreaterThan(5);
  });

  test('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'questions: *i'].join('\n');
    expect(() => parseQuestionSet(bomb, 'q.yaml')).toThrow(QuestionSetError);
  });

  test('ignores a byte order mark', () => {
    expect(parseQuestionSet(`\uFEFF${valid}`, 'q.yaml').questions).toHaveLength(2);
  });
});

describe('loadQuestionSet', () => {
  test('names the file it cannot read, and says why in words', () => {
    const missing = path.join(os.tmpdir(), 'atomkit-no-such-questions.yaml');
    expect(() => loadQuestionSet(missing)).toThrow(/Cannot read the question set: no such file\./);
    expect(() => loadQuestionSet(os.tmpdir())).toThrow(/Cannot read the question set: it is a folder, not a file\./);
  });

  test('reads a file from disk', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-questions-'));
    writeFileSync(path.join(dir, 'q.yaml'), valid);
    expect(loadQuestionSet(path.join(dir, 'q.yaml')).questions).toHaveLength(2);
  });
});

describe('question sets: parts, unanswerable questions and source pages', () => {
  test('splits questions into dev and test by their id alone, about half each', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `q-${i}`);
    const test = ids.filter((id) => splitOf(id) === 'test').length;
    expect(test).toBeGreaterThan(150);
    expect(test).toBeLessThan(250);
    expect(ids.map(splitOf)).toEqual(ids.map(splitOf));
    const set = parseQuestionSet('questions:\n  - {id: q-1, text: how?, kind: vague, gold: [a/b]}\n', 'q.yaml');
    expect(set.questions[0]?.split).toBe(splitOf('q-1'));
  });

  test('reads a question the atoms do not answer, and one about a source page of a corpus', () => {
    const set = parseQuestionSet(
      'corpus: ../docs\nquestions:\n  - {id: none, text: slack bot?, kind: vague, unanswerable: true}\n  - {id: page, text: lockfile?, kind: keyword, sources: [errors.md]}\n',
      '/kb/eval/corpora/x.yaml',
    );
    expect(set.corpus).toBe('/kb/eval/docs');
    expect(set.questions.map((q) => [q.id, q.unanswerable, q.gold, q.sources])).toEqual([
      ['none', true, [], []],
      ['page', false, [], ['errors.md']],
    ]);
  });

  test.each([
    ['no answer', 'questions:\n  - {id: a, text: how?, kind: vague}\n', /no answer; expected exactly one of `gold`, `sources` or `unanswerable: true`/],
    ['two answers', 'questions:\n  - {id: a, text: how?, kind: vague, gold: [x/y], unanswerable: true}\n', /more than one kind of answer/],
    ['sources without a corpus', 'questions:\n  - {id: a, text: how?, kind: vague, sources: [a.md]}\n', /names `sources`, but the set has no `corpus`/],
  ])('refuses a question with %s, at its line', (_, text, message) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect(error.start.line).toBe(2);
  });
});
