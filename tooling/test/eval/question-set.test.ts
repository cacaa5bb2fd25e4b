/**
 * The committed question sets (eval/questions*.yaml) are honest: they load against their schema,
 * every gold atom exists, no question copies an atom title or FAQ question, and every required
 * fact is in a gold atom.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadAtoms } from '../../src/atom/load.js';
import { containsFact } from '../../src/eval/answers.js';
import { checkQuestions } from '../../src/eval/coverage.js';
import { loadQuestionSet, QUESTION_KINDS } from '../../src/eval/questions.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const files = readdirSync(path.join(root, 'eval')).filter((name) => /^questions.*\.ya?ml$/.test(name)).sort();
const atoms = loadAtoms({ root: path.join(root, 'atoms'), locales: ['ja'] });

test('the English set has at least 100 questions', () => {
  expect(loadQuestionSet(path.join(root, 'eval/questions.yaml')).questions.filter((q) => q.language === 'en').length).toBeGreaterThanOrEqual(100);
});

describe.each(files)('eval/%s', (file) => {
  const set = loadQuestionSet(path.join(root, 'eval', file));

  test('names only atoms that exist and copies no title or FAQ question', () => {
    expect(checkQuestions(set.questions, atoms).map((p) => `line ${p.line}: ${p.questionId}: ${p.message}`)).toEqual([]);
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
