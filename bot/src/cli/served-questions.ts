/**
 * A question set drafted from what readers asked the chat service, for `atomkit eval` to measure
 * and calibrate `bot.minScore` on once a person has reviewed it. Readers' own questions are the
 * ones a knowledge base's threshold should be set on: how confident a right answer is depends on
 * the atoms and on how people ask (see the README), so no default suits every team.
 *
 * Each distinct question that opened a conversation becomes one entry: its answer's citations are
 * the proposed `gold`, and a refused question is proposed as `unanswerable`. Those proposals are
 * what the service did, not what is right, so a comment above each entry says what to check.
 * Follow-up questions are left out: read alone, "and on Windows?" asks nothing. A set is committed
 * with the project, so a credential pasted into a question is masked first.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { packageFile } from '../../../tooling/src/package/files.js';
import { holdsErrorOutput } from '../answer/question-parts.js';
import { normalizeQuestion } from '../store/cache.js';
import type { ExportedExchange } from '../store/threads.js';
import { withoutCredentials } from './credentials.js';

/** What `questions.schema.json` allows a question's text to be. */
const MAX_TEXT = 2000;
const MIN_TEXT = 3;
/**
 * Characters that only reorder how text is shown (bidirectional overrides and isolates): in a
 * committed file they make a line read otherwise than it is, and a question says nothing with them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** What `questions.schema.json` allows in `gold`. */
const MAX_GOLD = 5;

export type ServedKind = 'pasted-error' | 'multi-part' | 'keyword' | 'paraphrase';

export interface ServedQuestionSet {
  /** The question set as YAML, comments included; absent when no question qualifies. */
  readonly yaml?: string;
  readonly questions: number;
  /** Questions asked again (same words, case and spacing aside), kept once. */
  readonly repeats: number;
  /** Questions asked after the first of their conversation. */
  readonly followUps: number;
  /** Questions longer than a question set allows. */
  readonly tooLong: number;
  /** Questions shorter than a question set allows ("hi"). */
  readonly tooShort: number;
  /** Questions already in the set being added to. */
  readonly already: number;
}

interface Entry {
  readonly exchange: ExportedExchange;
  /** The question as written to the set: credentials masked. */
  readonly text: string;
  readonly masked: number;
  asked: number;
}

/** The atoms an answer cited, proposed as gold in the order the answer numbered them. */
function proposedGold(exchange: ExportedExchange): string[] {
  return exchange.answered ? [...new Set(exchange.citations.map((c) => c.atomId))].slice(0, MAX_GOLD) : [];
}

/** The one-line reason to check an entry, from what the service did with it and what readers said. */
function reviewComment({ exchange, asked, masked }: Entry): string {
  const closest = [...new Set(exchange.citations.map((c) => c.atomId))];
  const downVoted = exchange.feedback.some((f) => f.rating === 'down');
  const upVoted = exchange.feedback.some((f) => f.rating === 'up');
  const toGold = 'if an atom answers it, replace `unanswerable: true` with `gold: [<its id>]`';
  const parts = [
    proposedGold(exchange).length === 0
      ? exchange.answered
        ? `answered without citing an atom: ${toGold}`
        : closest.length > 0
          ? `refused; the closest pages were ${closest.join(', ')}: ${toGold}`
          : `refused: ${toGold}`
      : downVoted
        ? 'answered, then down-voted: the proposed gold is what the answer cited, which a reader found wrong; name the atom that answers it, or write `unanswerable: true`'
        : `answered from what it cited${upVoted ? ' (up-voted)' : ''}: keep the atoms that answer it, the most complete first`,
  ];
  if (asked > 1) parts.push(`asked ${asked} times`);
  if (masked > 0) parts.push(`${masked === 1 ? 'a credential' : `${masked} credentials`} masked in the question`);
  parts.push('kind guessed');
  return ` ${parts.join('; ')}.`;
}

/**
 * How a question is asked, guessed from its shape; the reviewer corrects it where it is wrong.
 *
 * @example guessKind('Error: ENOENT: no such file\n    at open (node:fs:1:1)') //=> 'pasted-error'
 * @example guessKind('minScore default') //=> 'keyword'
 */
export function guessKind(text: string): ServedKind {
  // Error output as the answer reads it, or a linter's `file:line:col` diagnostic.
  if (holdsErrorOutput(text) || /:\d+:\d+\b/.test(text)) return 'pasted-error';
  const questionMarks = text.match(/[?？]/g)?.length ?? 0;
  if (questionMarks >= 2) return 'multi-part';
  if (questionMarks === 0 && text.trim().split(/\s+/).length <= 4 && text.length <= 40) return 'keyword';
  return 'paraphrase';
}

/**
 * A stable id for a question: the first words as a slug and a hash of the whole, so that the
 * same question keeps its id, and its dev or test part, in every export.
 *
 * @example servedId('How do I run the linter locally?') //=> 'served-how-do-i-run-the-linter-locally-ecdf62'
 */
export function servedId(text: string): string {
  const hash = createHash('sha256').update(normalizeQuestion(text)).digest('hex').slice(0, 6);
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word's end, so that the slug never ends in half a word.
  const slug = words.length <= 50 ? words : words.slice(0, 51).replace(/-?[^-]*$/, '');
  return slug ? `served-${slug}-${hash}` : `served-${hash}`;
}

/**
 * The comment a drafted set opens with: its schema (for editors, relative to `savedAt`, the set's
 * absolute path, when known), where its questions come from, and what to do with it, where `file`
 * is how the reader names the set.
 */
export function servedHeader(since: string | undefined, savedAt: string | undefined, file: string): string {
  const schemaFile = packageFile('schemas', 'questions.schema.json');
  const schema = savedAt === undefined ? schemaFile : path.relative(path.dirname(savedAt), schemaFile).split(path.sep).join('/');
  return [
    ` yaml-language-server: $schema=${schema}`,
    ` Questions readers asked the chat service${since ? ` since ${since}` : ''}: the first question of each`,
    ' conversation, once each. Each `gold` is what the answer cited and each `unanswerable: true` is',
    ' a refusal: what the service did, not what is right. Check every entry (the comment above it',
    ' says what to check), then measure on it and set bot.minScore to the threshold it suggests:',
    ` npx atomkit eval sets --questions ${file} --part dev`,
  ].join('\n');
}

/** Drafts the question set from exported exchanges, oldest first (as `exportSince` yields them). */
/** The questions of a set being added to: their ids, and their texts as `normalizeQuestion` folds them. */
export interface KnownQuestions {
  readonly ids: ReadonlySet<string>;
  readonly keys: ReadonlySet<string>;
}

export async function servedQuestionSet(exchanges: AsyncIterable<ExportedExchange>, header: string, known: KnownQuestions = { ids: new Set(), keys: new Set() }): Promise<ServedQuestionSet> {
  const threads = new Set<string>();
  let already = 0;
  const entries = new Map<string, Entry>();
  let followUps = 0;
  let repeats = 0;
  let tooLong = 0;
  let tooShort = 0;
  for await (const exchange of exchanges) {
    if (threads.has(exchange.threadId)) {
      followUps++;
      continue;
    }
    threads.add(exchange.threadId);
    const text = asWritten(exchange.question);
    // Counted as the schema counts, in characters: an emoji is one.
    const length = [...text].length;
    if (length > MAX_TEXT) {
      tooLong++;
      continue;
    }
    if (length < MIN_TEXT) {
      tooShort++;
      continue;
    }
    // Compared as written to the set: two pastes that differ only in their token are one question.
    const masked = await withoutCredentials(text);
    const key = normalizeQuestion(masked.text);
    // In the set being added to, by its id or its words (a reviewer may have edited either): reviewed there, never proposed again.
    if (known.ids.has(servedId(masked.text)) || known.keys.has(key)) {
      already++;
      continue;
    }
    const seen = entries.get(key);
    if (seen) {
      seen.asked++;
      repeats++;
    } else entries.set(key, { exchange, ...masked, asked: 1 });
  }
  const kept = [...entries.values()];
  const doc = new Document({ questions: kept.map(entryOf) });
  doc.commentBefore = header;
  const list = doc.get('questions');
  if (isSeq(list)) {
    kept.forEach((entry, index) => {
      const node = list.items[index];
      if (isMap(node)) node.commentBefore = reviewComment(entry);
    });
  }
  // A set holds at least one question: with none, there is nothing to write.
  const yaml = kept.length === 0 ? undefined : doc.toString({ lineWidth: 0 });
  return { ...(yaml ? { yaml } : {}), questions: kept.length, repeats, followUps, tooLong, tooShort, already };
}

/**
 * `set` with the questions of `drafted` (a whole drafted set) added after its last question, as
 * text: what is in `set` (reviewed entries, comments, quoting) stays byte for byte. The drafted
 * items are indented as `set` indents its own. Undefined when `set` is not one `questions` list
 * that ends the file, the only place an item can go without rewriting anything.
 *
 * @example appendQuestions('questions:\n- id: a\n  text: Old?\n', drafted) //=> 'questions:\n- id: a\n  text: Old?\n- id: served-…'
 */
export function appendQuestions(set: string, drafted: string): string | undefined {
  const doc = parseDocument(set);
  const last = isMap(doc.contents) ? doc.contents.items.at(-1) : undefined;
  const list = last && isScalar(last.key) && last.key.value === 'questions' ? last.value : undefined;
  if (!isSeq(list) || list.flow || list.range === undefined || list.range === null) return undefined;
  const start = list.range[0];
  const indent = start - (set.lastIndexOf('\n', start - 1) + 1);
  // The drafted set's items, as the yaml library indents them under their key: two spaces.
  const items = drafted.slice(drafted.indexOf('\nquestions:\n') + '\nquestions:\n'.length);
  const shifted = items
    .split('\n')
    .map((line) => (line === '' ? line : indent >= 2 ? `${' '.repeat(indent - 2)}${line}` : line.slice(2 - indent)))
    .join('\n');
  return `${set.endsWith('\n') ? set : `${set}\n`}${shifted}`;
}

/** The question as the set holds it: without the blank around it and without bidirectional controls. */
function asWritten(question: string): string {
  return question.replace(BIDI_CONTROLS, '').trim();
}

function entryOf({ exchange, text }: Entry): Record<string, unknown> {
  const gold = proposedGold(exchange);
  return {
    // From the masked question: an id made of the first words must not carry a credential either.
    id: servedId(text),
    kind: guessKind(text),
    ...(exchange.language && exchange.language !== 'en' ? { language: exchange.language } : {}),
    text,
    ...(gold.length > 0 ? { gold } : { unanswerable: true }),
  };
}
