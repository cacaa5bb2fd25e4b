/**
 * The passage of an atom that says what a thing is, for a "what is X" question that no FAQ
 * answers: a table row or list item that opens with X (a list of accepted values, a glossary),
 * or a sentence whose subject is X ("A playbook starts from a trigger…", "Xは…です"). Reference
 * pages define their terms this way far more often than in a sentence of their own, and the
 * sentence that shares most words with "what is a pitfall" is rarely the one that says it. A
 * pasted error code is looked up the same way, in a table or list of codes, and so is a pasted
 * message, in the table row that says it.
 */
import { ITEM_SUBJECT, MAX_SUBJECT_CHARS } from '../../../tooling/src/retrieval/definition.js';
import { tableCells, tableRows } from '../../../tooling/src/text/markdown-table.js';
import { cleanMarkdown } from './markdown.js';
import { questionTerms } from './terms.js';
import { sentencesOf } from './sentences.js';
import { listItems, splitBlocks } from './trim.js';

/**
 * "X is a …", "An X is the …", "X means …": the subject, then a verb that defines. "Catalogs are
 * defined in pnpm-workspace.yaml" says where they are, not what they are.
 */
const ENGLISH_SUBJECT = /^(?:(?:a|an|the)\s+)?(.+?)\s+(?:(?:is|are)\s+(?:a|an|the|one|for|where|what|how|when)|means|refers to)\s/i;
/** "Xとは…", "Xは…" (the topic marker after the subject). */
const JAPANESE_SUBJECT = /^(.+?)(?:とは|は)[、,]?/u;

export interface Definition {
  /** One line of prose. */
  readonly passage: string;
  /** A sentence of a paragraph, or an entry of a list or table (all that its section says of the thing). */
  readonly form: 'sentence' | 'entry';
}

/**
 * The passage that defines the named thing; none when the text has none.
 * `title` is the atom's: a word of the name it holds is context a sentence need not repeat ("The
 * studio is…" in "Author atoms in the studio" defines "authoring studio").
 *
 * @example definingPassage('| type | use it for |\n| --- | --- |\n| `pitfall` | a tempting mistake |', 'pitfall')?.passage //=> '`pitfall` — use it for: a tempting mistake.'
 * @example definingPassage('A playbook starts from a trigger. It lists who to call.', 'playbook')?.passage //=> 'A playbook starts from a trigger.'
 * @example definingPassage('The port is 4321.', 'playbook') //=> undefined
 */
export function definingPassage(markdown: string, name: string, title = ''): Definition | undefined {
  return passageIn(markdown, name, new Set(questionTerms(title)));
}

/**
 * The table row or list item that opens with the name: a pasted error code's row in a table of
 * codes. Sentences are not read, since one that names a code is rarely what the code means.
 *
 * @example definingEntry('| Code | How to solve |\n| --- | --- |\n| E_TOO_LARGE | Raise the limit. |', 'E_TOO_LARGE')?.passage //=> 'E_TOO_LARGE — how to solve: Raise the limit.'
 */
export function definingEntry(markdown: string, name: string): Definition | undefined {
  return passageIn(markdown, name, undefined);
}

/** The first defining passage of the text; sentences only when `titled` (the title's words) is given. */
function passageIn(markdown: string, name: string, titled: ReadonlySet<string> | undefined): Definition | undefined {
  const named = questionTerms(name);
  if (named.length === 0) return undefined;
  for (const block of splitBlocks(markdown)) {
    const entry = block.kind === 'table' ? definingRow(block.text, named) : block.kind === 'list' ? definingItem(block.text, named) : undefined;
    if (entry) return { passage: entry, form: 'entry' };
    const sentence = block.kind === 'other' && titled ? definingSentence(block.text, named, titled) : undefined;
    if (sentence) return { passage: sentence, form: 'sentence' };
  }
  return undefined;
}

/**
 * Does the subject name the thing? All its words are the name's, and it leaves out at most one,
 * which `omissible` allows: in a list of atom types "playbook" names "playbook atom", but "The
 * service is unreachable" does not define "chat service".
 */
function names(subject: string, named: readonly string[], omissible: (term: string) => boolean): boolean {
  if (subject.length > MAX_SUBJECT_CHARS) return false;
  const words = questionTerms(subject);
  if (words.length === 0 || !words.every((word) => named.includes(word))) return false;
  const missing = named.filter((term) => !words.includes(term));
  return missing.length === 0 || (missing.length === 1 && omissible(missing[0]!));
}

/** In a table row or list item, whose first words are the names of the things it lists, one word of a longer name may go unsaid. */
const ANY = (): boolean => true;

/** A row whose first cell names the thing, with the other cells under their column names. */
function definingRow(table: string, named: readonly string[]): string | undefined {
  const parsed = tableRows(table);
  if (!parsed) return undefined;
  // Column names as words: `**Type**` is "type".
  const header = tableCells(parsed.head.split('\n')[0]!).map((cell) => cleanMarkdown(cell).replace(/[*_`]/g, '').toLowerCase());
  for (const row of parsed.rows) {
    const [first, ...rest] = tableCells(row);
    if (first === undefined || rest.length === 0 || !names(cleanMarkdown(first), named, ANY)) continue;
    // A cell's own full stop would end the line early: "larger than the limit.; how to solve: …".
    const said = rest.map((cell) => cell.replace(/[.。]\s*$/, '').trim());
    // An empty cell, a dash, or only a link to an issue or pull request (`[#1168](…)`) says nothing about the thing.
    const described = said.map((cell, i) => (header[i + 1] ? `${header[i + 1]}: ${cell}` : cell)).filter((_, i) => said[i] !== '' && said[i] !== '-' && !ISSUE_LINK.test(said[i]!));
    return `${first} — ${described.join('; ')}.`;
  }
  return undefined;
}

/**
 * The first cell of the table row one of whose other cells a pasted error quotes word for word
 * (`Plugin did not start in time` in `ERR_AVVIO_PLUGIN_TIMEOUT: Plugin did not start in time:
 * 'db'`): the name of its entry in a table of errors, when the pasted code is spelt otherwise.
 * A cell of fewer than `QUOTED_WORDS` words is quoted by chance too often.
 *
 * @example quotedEntryName('| Code | Description |\n| --- | --- |\n| E_SLOW | Plugin did not start in time. |', "Error: Plugin did not start in time: 'db'") //=> 'E_SLOW'
 */
export function quotedEntryName(markdown: string, pasted: string): string | undefined {
  const text = plainWords(pasted);
  for (const block of splitBlocks(markdown)) {
    const parsed = block.kind === 'table' ? tableRows(block.text) : undefined;
    for (const row of parsed?.rows ?? []) {
      const [first, ...rest] = tableCells(row);
      if (first === undefined) continue;
      const quoted = rest.some((cell) => {
        const said = plainWords(cleanMarkdown(cell));
        return said.split(' ').length >= QUOTED_WORDS && ` ${text} `.includes(` ${said} `);
      });
      if (quoted) return cleanMarkdown(first);
    }
  }
  return undefined;
}

/** Words a pasted message must repeat of a cell for the cell to count as quoted. */
const QUOTED_WORDS = 4;

/** Lower-case words, punctuation and Markdown marks dropped. */
function plainWords(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A cell that is only a link to an issue or pull request, by its number. */
const ISSUE_LINK = /^\[#\d+\]\([^)]*\)$/;

/** The first paragraph of a list item that opens with the thing's name. */
function definingItem(list: string, named: readonly string[]): string | undefined {
  for (const item of listItems(list)) {
    const text = item.replace(/^\s*(?:\d+[.)]|[-*+])\s+/, '').split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ').trim();
    const subject = ITEM_SUBJECT.exec(text);
    const said = subject?.[1] ?? subject?.[2] ?? subject?.[3];
    // An item of a list of clauses ends in a semicolon or a comma; said on its own, in a full stop.
    if (said !== undefined && text.length > subject![0].length && names(said, named, ANY)) return text.replace(/[;,]$/, '.');
  }
  return undefined;
}

/** The first sentence of a paragraph whose subject is the thing's name (a word of it may be in the atom's title). */
function definingSentence(paragraph: string, named: readonly string[], titled: ReadonlySet<string>): string | undefined {
  for (const sentence of sentencesOf(paragraph)) {
    const subject = (ENGLISH_SUBJECT.exec(sentence) ?? JAPANESE_SUBJECT.exec(sentence))?.[1];
    if (subject !== undefined && names(subject.replace(/[`*_]/g, ''), named, (term) => titled.has(term))) return sentence;
  }
  return undefined;
}
