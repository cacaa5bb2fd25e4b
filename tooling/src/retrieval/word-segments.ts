/**
 * Word segmentation as Intl.Segmenter does it (Unicode's word boundaries, UAX #29), with a fast
 * path for text that is all ASCII: ICU's segmenter costs about a microsecond a word, which is most
 * of tokenizing an English knowledge base. In ASCII, UAX #29 comes down to runs of letters, digits
 * and `_`, joined across one `:`, `.` or `'` between two letters, or one `,`, `;`, `.` or `'`
 * between two digits. Everything else is a segment of its own character, as ICU reads
 * punctuation (it keeps runs of spaces together, which no caller counts).
 */

// One segmenter for all languages: ICU's word rules use a dictionary for CJK whatever the locale.
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The segments of a text; `isWordLike` says which are words.
 *
 * @example [...wordSegments("don't use node.js 1,000 times")].filter((s) => s.isWordLike).map((s) => s.segment) //=> ["don't", 'use', 'node.js', '1,000', 'times']
 */
export function wordSegments(text: string): Iterable<{ readonly segment: string; readonly isWordLike?: boolean | undefined }> {
  if (!isAscii(text)) return segmenter.segment(text);
  const segments: { segment: string; isWordLike: boolean }[] = [];
  scanAscii(text, (start, end, isWordLike) => segments.push({ segment: text.slice(start, end), isWordLike }), false);
  return segments;
}

/**
 * The words of an all-ASCII text, as `wordSegments` finds them, without the punctuation and spaces
 * between them (half the segments of prose, which the tokenizer reads past).
 *
 * @example asciiWords('use node.js, twice') //=> ['use', 'node.js', 'twice']
 */
export function asciiWords(text: string): string[] {
  const words: string[] = [];
  scanAscii(text, (start, end) => words.push(text.slice(start, end)), true);
  return words;
}

export function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/** Calls `emit` for each segment in order, or only for the words when `wordsOnly`. */
function scanAscii(text: string, emit: (start: number, end: number, isWordLike: boolean) => void, wordsOnly: boolean): void {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (isLetter(code) || isDigit(code) || code === UNDERSCORE) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1 && joins(code, text.charCodeAt(i - 1), text.charCodeAt(i + 1))) continue;
    // A lone `_` is no word to ICU, though `__` is.
    if (start !== -1) {
      const isWordLike = !(i - start === 1 && text.charCodeAt(start) === UNDERSCORE);
      if (isWordLike || !wordsOnly) emit(start, i, isWordLike);
    }
    if (i < text.length && !wordsOnly) emit(i, i + 1, false);
    start = -1;
  }
}

const UNDERSCORE = 0x5f;
const COLON = 0x3a;
const FULL_STOP = 0x2e;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;

/** Does the punctuation between `before` and `after` keep them one word (UAX #29 rules WB6, WB7, WB11, WB12)? */
function joins(code: number, before: number, after: number): boolean {
  if (isLetter(before) && isLetter(after)) return code === COLON || code === FULL_STOP || code === APOSTROPHE;
  if (isDigit(before) && isDigit(after)) return code === COMMA || code === SEMICOLON || code === FULL_STOP || code === APOSTROPHE;
  return false;
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
