/**
 * Checks a question set against the atoms it is about: every gold id names an atom, every source
 * page was imported as at least one atom, and no question is a copy of an atom title or FAQ
 * question (such a question measures string matching, not whether people find answers).
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

/**
 * Turns the `sources` of questions about an imported corpus into gold atom ids: the atoms whose
 * header `sources` name that page (`atomkit import` records `<folder name>/<page path>`), in the
 * order the question lists its pages. A page no atom came from is a problem of the set.
 *
 * @example resolveSources(questions, atoms, 'docs').questions[0].gold //=> ['error/error-codes']
 */
export function resolveSources(questions: readonly Question[], atoms: readonly Atom[], folderName: string): { questions: Question[]; problems: QuestionProblem[] } {
  const byPage = new Map<string, string[]>();
  for (const atom of atoms) {
    for (const ref of sourceRefs(atom)) {
      const page = ref.split('#')[0]!;
      const rel = page.startsWith(`${folderName}/`) ? page.slice(folderName.length + 1) : page;
      byPage.set(rel, [...(byPage.get(rel) ?? []), atom.id]);
    }
  }
  const problems: QuestionProblem[] = [];
  const resolved = questions.map((question) => {
    if (question.sources.length === 0) return question;
    const gold: string[] = [];
    for (const page of question.sources) {
      const ids = byPage.get(page);
      if (!ids) problems.push({ questionId: question.id, line: question.line, message: `No atom was imported from the source page \`${page}\`.` });
      for (const id of [...(ids ?? [])].sort()) if (!gold.includes(id)) gold.push(id);
    }
    return { ...question, gold };
  });
  return { questions: resolved, problems };
}

/** The header's source refs, read from the raw header too: a draft need not pass the schema to say where it came from. */
function sourceRefs(atom: Atom): string[] {
  const sources = atom.header?.sources ?? (atom.data as { sources?: unknown } | undefined)?.sources;
  if (!Array.isArray(sources)) return [];
  return sources.map((source: unknown) => (source as { ref?: unknown } | null)?.ref).filter((ref): ref is string => typeof ref === 'string');
}
