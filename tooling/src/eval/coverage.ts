/**
 * Checks a question set against the atoms it is about: every gold id names an atom, and no
 * question is a copy of an atom title or FAQ question (such a question measures string matching,
 * not whether people find answers).
 */
import { parseFaq } from '../atom/faq.js';
import type { Atom } from '../atom/load.js';
import type { Question } from './questions.js';

export interface QuestionProblem {
  readonly questionId: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Compares texts the way a reader would: case, spacing, quotes and end punctuation do not count.
 *
 * @example normalizeQuestion(' How do I  LINT? ') //=> 'how do i lint'
 */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[`"'“”‘’*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?.!:。？！]+$/u, '');
}

export function checkQuestions(questions: readonly Question[], atoms: readonly Atom[]): QuestionProblem[] {
  const ids = new Set(atoms.map((atom) => atom.id));
  const copies = new Map<string, string>();
  for (const atom of atoms) {
    const title = atom.header?.title ?? (atom.data as { title?: unknown } | undefined)?.title;
    if (typeof title === 'string') copies.set(normalizeQuestion(title), `the title of ${atom.id}`);
    for (const { question: faq } of parseFaq(atom.text)) copies.set(normalizeQuestion(faq), `a FAQ question of ${atom.id}`);
  }
  const problems: QuestionProblem[] = [];
  for (const question of questions) {
    for (const gold of question.gold) {
      if (!ids.has(gold)) problems.push({ questionId: question.id, line: question.line, message: `Gold atom \`${gold}\` does not exist.` });
    }
    const copyOf = copies.get(normalizeQuestion(question.text));
    if (copyOf) problems.push({ questionId: question.id, line: question.line, message: `The question is a copy of ${copyOf}; ask it the way a user would.` });
  }
  return problems;
}
