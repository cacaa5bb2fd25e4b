/**
 * Error codes quoted in a question: a pasted log line naming an atom's `error_codes` (or a code a
 * page lists, see entry-codes.ts) asks about that atom. Codes are compared as `normalizeCode`
 * writes them, and only as whole tokens.
 */
import { normalizeCode } from './tokenize.js';

/** An atom's error code, and the form it is compared in. */
export interface ErrorCode {
  readonly code: string;
  readonly normalized: string;
  readonly atomId: string;
}

/**
 * JavaScript's built-in error classes: every pasted JavaScript error names one, so a page that
 * lists `TypeError` among its codes (Node's "Class: TypeError") is no exact match for a pasted
 * `TypeError: fetch failed`. They are still searched as words.
 */
const ERROR_CLASSES: ReadonlySet<string> = new Set(['error', 'typeerror', 'rangeerror', 'referenceerror', 'syntaxerror', 'evalerror', 'urierror', 'aggregateerror']);

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The codes worth matching: not a built-in error class, not a single character.
 *
 * @example errorCodes([{ atomId: 'a', code: 'E104' }, { atomId: 'b', code: 'TypeError' }]).map((c) => c.atomId) //=> ['a']
 */
export function errorCodes(rows: readonly { readonly atomId: string; readonly code: string }[]): ErrorCode[] {
  return rows.map(({ atomId, code }) => ({ atomId, code, normalized: normalizeCode(code) })).filter((entry) => entry.normalized.length >= 2 && !ERROR_CLASSES.has(entry.normalized));
}

/**
 * The atoms whose error codes occur in the text as whole tokens (`E104` does not match `E1042`),
 * each with its code as the atom writes it: the first of its codes found.
 *
 * @example quotedCodes('npm ERR! code E104', errorCodes([{ atomId: 'a', code: 'E104' }, { atomId: 'b', code: 'E10' }])) //=> Map { 'a' => 'E104' }
 */
export function quotedCodes(text: string, codes: readonly ErrorCode[]): Map<string, string> {
  const haystack = normalizeCode(text);
  const matches = new Map<string, string>();
  for (const { atomId, code, normalized } of codes) {
    if (matches.has(atomId)) continue;
    let at = haystack.indexOf(normalized);
    while (at !== -1) {
      if (isBoundary(haystack, at - 1, normalized[0]!) && isBoundary(haystack, at + normalized.length, normalized.at(-1)!)) {
        matches.set(atomId, code);
        break;
      }
      at = haystack.indexOf(normalized, at + 1);
    }
  }
  return matches;
}

function isBoundary(text: string, index: number, edge: string): boolean {
  if (index < 0 || index >= text.length) return true;
  // A code that starts or ends with punctuation may touch anything on that side.
  return !WORD_CHAR.test(edge) || !WORD_CHAR.test(text[index]!);
}
