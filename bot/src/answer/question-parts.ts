/**
 * The questions one message asks ("What port does it use, and where are the chats kept?",
 * "…どう設定しますか？あと、…"): an extractive answer quotes a section of its atom for each,
 * where the best section for the whole message would answer only one. Its own module because where one
 * question ends and the next begins is a matter of the languages' punctuation and connectives, apart
 * from which section answers (extractive.ts).
 */
import { questionTerms } from './terms.js';

/**
 * Where a message goes on with another question: after a question mark (a full-width one needs no
 * space after it; `?tag=red` in a URL is none), before "also" or "and also" that opens a clause, at
 * a numbered item (`2)`, `②`), or at あと / それと / ついでに.
 */
const BOUNDARY = /\?\s+|？\s*(?=\S)|[.;]\s+(?=also\b)|,?\s+and also\s+|(?<=\s)(?=\(?[2-9][).]\s)|(?=[②③④⑤])|[。、]?(?=(?:あと|それと|ついでに)[、,])/giu;

/** A blank line, between the paragraphs of a message. */
const BLANK_LINE = /\n[ \t]*\n/;
/**
 * Whether the text holds error output: an error or its code, a stack frame, a log level, npm's `ERR!`.
 *
 * @example holdsErrorOutput('Error: connect ECONNREFUSED 127.0.0.1:5432') //=> true
 * @example holdsErrorOutput('how do I run the linter?') //=> false
 */
export function holdsErrorOutput(text: string): boolean {
  return ERROR_OUTPUT.test(text);
}

const ERROR_OUTPUT = /\b(?:(?:[A-Z][A-Za-z]*)?Error|ERR_[A-Z_]+|E[A-Z]{3,})\b|^\s*at \S|\b(?:ERROR|FATAL|WARN)\b|npm (?:ERR!|error)|^\s*\{"/m;

/** A part with fewer words of its own than this is a fragment ("right?"), not a question. */
const MIN_TERMS = 2;

/**
 * The questions of a message, in order; one (the whole message) when it asks one. A part too short
 * to ask anything joins the one before it.
 *
 * @example questionParts('What port does the service use? And where are the chats stored?') //=> ['What port does the service use?', 'And where are the chats stored?']
 * @example questionParts('How do I run the linter?') //=> ['How do I run the linter?']
 */
export function questionParts(question: string): string[] {
  // Pasted output, then what the asker wants to know about it: the output is one question, the
  // prose after it another (its answer is often another section than the error's meaning).
  const blocks = question.trim().split(BLANK_LINE);
  const pasted = blocks.slice(0, -1).join('\n\n');
  const asked = blocks.at(-1)!;
  if (blocks.length > 1 && holdsErrorOutput(pasted) && !holdsErrorOutput(asked) && questionTerms(asked).length >= MIN_TERMS) return [pasted, ...questionParts(asked)];
  const pieces: string[] = [];
  let start = 0;
  for (const match of question.matchAll(BOUNDARY)) {
    // The mark that ends a question stays with it; the next question begins after the space.
    const cut = match.index! + (/^[?？.;。、]/.test(match[0]) ? 1 : 0);
    pieces.push(question.slice(start, cut));
    start = match.index! + match[0].length;
  }
  pieces.push(question.slice(start));
  const parts: string[] = [];
  for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
    if (parts.length > 0 && questionTerms(piece).length < MIN_TERMS) parts[parts.length - 1] = `${parts.at(-1)!} ${piece}`;
    else parts.push(piece);
  }
  // A first part too short to ask anything ("Two questions:") opens the next.
  if (parts.length > 1 && questionTerms(parts[0]!).length < MIN_TERMS) parts.splice(0, 2, `${parts[0]!} ${parts[1]!}`);
  return parts;
}
