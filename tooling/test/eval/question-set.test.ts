/**
 * The committed question set is honest: it loads against its schema, every gold atom exists, no
 * question copies an atom title or FAQ question, and every required fact is in a gold atom.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadAtoms } from '../../src/atom/load.js';
import { containsFact } from '../../src/eval/answers.js';
import { checkQuestions } from '../../src/eval/coverage.js';
import { loadQuestionSet, QUESTION_KINDS } from '../../src/eval/questions.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const set = loadQuestionSet(path.join(root, 'eval/questions.yaml'));
const atoms = loadAtoms({ root: path.join(root, 'atoms') });

describe('eval/questions.yaml', () => {
  test('names only atoms that exist and copies no title or FAQ question', () => {
    expect(checkQuestions(set.questions, atoms).map((p) => `line ${p.line}: ${p.questionId}: ${p.message}`)).toEqual([]);
  });

  test('has at least 100 English questions', () => {
    expect(set.questions.filter((q) => q.language === 'en').length).toBeGreaterThanOrEqual(100);
  });

  test('asks questions of every kind', () => {
    expect(new Set(set.questions.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS));
  });

  test('requires only facts that a gold atom states', () => {
    const text = new Map(atoms.map((atom) => [atom.id, atom.text]));
    const unsupported = set.questions.flatMap((q) =>
      q.facts.filter((fact) => !q.gold.some((id) => containsFact(text.get(id) ?? '', fact))).map((fact) => `${q.id}: ${fact}`),
    );
    expect(unsupported).toEqual([]);
  });
});
