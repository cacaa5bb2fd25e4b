/**
 * Questions that ask what something is ("what is an atom", "アトムって何？"), and the FAQ
 * questions that define it ("What is a knowledge atom?"). The thing a definition question names
 * is often the knowledge base's most common word, which tells its units apart least: searched
 * alone it finds every page that mentions an atom, not the one that says what an atom is.
 */
import { isDelimiterRow, tableCells } from '../text/markdown-table.js';
import { tokenize } from './tokenize.js';

/** At most this many words name the thing: a longer question asks about more than a definition. */
const MAX_NAME_WORDS = 4;
/** Longer than this, a question is not one of them (and the patterns need not read it). */
const MAX_QUESTION_CHARS = 120;

const ENGLISH = /^\s*(?:what(?:\s+(?:exactly|even|actually))?(?:'s|\s+is|\s+are)|define|definition of)\s+(?:an?\s+|the\s+)?(.+?)\s*[?.!]*\s*$/i;
const ENGLISH_MEANING = /^\s*what does\s+(.+?)\s+mean\s*[?.!]*\s*$/i;
const JAPANESE = /^\s*(.+?)\s*(?:とは(?:そもそも|一体|いったい)?(?:何|なに|どういう(?:もの|こと))?|って(?:そもそも|一体|いったい)?(?:何|なに|どういう(?:もの|こと))|は(?:そもそも|一体|いったい)?(?:何|なに))(?:です|でしょう)?か?[?？。!！]*\s*$/u;
/** A question's first sentence, when more follows: "What is an atom? How is it unlike a page?" asks first what one is. */
const FIRST_QUESTION = /^[^?？]+[?？]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The name of the thing a definition question asks about, as the question writes it; none for any
 * other question.
 *
 * @example definedName('what is an atom?') //=> 'atom'
 * @example definedName("what's a catalog in pnpm") //=> 'catalog'
 * @example definedName('what is the default port of serve') //=> undefined
 * @example definedName('アトムってそもそも何？普通のページと何が違うの？') //=> 'アトム'
 */
export function definedName(question: string): string | undefined {
  if (question.length > MAX_QUESTION_CHARS) return undefined;
  const named = (text: string) => (ENGLISH.exec(text) ?? ENGLISH_MEANING.exec(text) ?? JAPANESE.exec(text))?.[1];
  const first = FIRST_QUESTION.exec(question)?.[0];
  // "what's a catalog in pnpm": the product it is asked of is context, not part of the name.
  const name = named(first !== undefined && first.length < question.trim().length ? first : question)?.replace(/\s+(?:in|for)\s+\S+$/i, '');
  if (name === undefined || name.split(/\s+/).length > MAX_NAME_WORDS) return undefined;
  // "what is the default port of serve" asks for a value, not what "port" is.
  if (/\s(?:of|for|in|on|to|when|if)\s/i.test(` ${name} `)) return undefined;
  return name;
}

/**
 * The terms of the thing a definition question asks about; none for any other question.
 *
 * @example definedTerms('what is an atom?') //=> ['atom']
 * @example definedTerms('アトムって何？') //=> ['アトム']
 * @example definedTerms('what is the default port of serve') //=> undefined
 */
export function definedTerms(question: string): string[] | undefined {
  const name = definedName(question);
  const terms = name === undefined ? [] : [...new Set(tokenize(name))];
  return terms.length > 0 ? terms : undefined;
}

/**
 * Does the FAQ question define every one of the terms? "What is a knowledge atom?" defines `atom`.
 *
 * @example definesAll('What is a knowledge atom?', ['atom']) //=> true
 * @example definesAll('Why is my atom limited to 800 words?', ['atom']) //=> false
 * @example definesAll('ナレッジアトムとはどういうもの？', ['アトム']) //=> true
 */
export function definesAll(faqQuestion: string, terms: readonly string[]): boolean {
  const defined = definedTerms(faqQuestion);
  // A Japanese compound is one word: ナレッジアトム defines アトム.
  return defined !== undefined && terms.every((term) => defined.some((word) => word === term || (CJK.test(term) && word.includes(term))));
}

/** A list item's subject: its leading bold or code span, or the words before a colon or dash. */
export const ITEM_SUBJECT = /^(?:\*\*(.+?)\*\*|`([^`]+)`|([^:—–]+?)\s*(?::|\s[—–-]\s))/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.+)$/;
/** A subject longer than this is a clause, not the name of a thing. */
export const MAX_SUBJECT_CHARS = 60;

/**
 * Does a table row or list item of the text open with the thing's name? Its subject has only the
 * name's terms, all of them or all but one: in a table of atom types the row `| playbook | … |`
 * says what a "playbook atom" is. Reference pages define their terms this way far more often than
 * in a sentence or a FAQ of their own.
 *
 * @example definesInEntry('| type | use it for |\n| --- | --- |\n| `playbook` | an incident |', ['playbook', 'atom']) //=> true
 * @example definesInEntry('- **pitfall**: a tempting mistake', ['pitfall']) //=> true
 * @example definesInEntry('A playbook starts from a trigger.', ['playbook']) //=> false
 */
export function definesInEntry(markdown: string, terms: readonly string[]): boolean {
  const lines = markdown.split('\n');
  return lines.some((line, i) => {
    const subject = line.includes('|') ? rowSubject(line, lines[i + 1]) : itemSubject(line);
    if (subject === undefined || subject.length > MAX_SUBJECT_CHARS) return false;
    const words = [...new Set(tokenize(subject))];
    return words.length > 0 && words.every((word) => terms.includes(word)) && terms.length - words.length <= 1;
  });
}

/** The first cell of a body row (not the header row, which the delimiter row follows). */
function rowSubject(line: string, next: string | undefined): string | undefined {
  if (isDelimiterRow(line) || (next !== undefined && isDelimiterRow(next))) return undefined;
  const cells = tableCells(line);
  return cells.length >= 2 ? cells[0] : undefined;
}

function itemSubject(line: string): string | undefined {
  // Only the item's opening is read, its spaces collapsed: a subject is short, and a long run of
  // spaces would cost the pattern time in the square of its length.
  const text = LIST_ITEM.exec(line)?.[1]?.slice(0, 4 * MAX_SUBJECT_CHARS).replace(/\s+/g, ' ');
  const subject = text === undefined ? undefined : ITEM_SUBJECT.exec(text);
  return subject && text!.length > subject[0].length ? (subject[1] ?? subject[2] ?? subject[3]) : undefined;
}
