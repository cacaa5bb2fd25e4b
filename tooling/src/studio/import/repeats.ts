/**
 * Pieces that only repeat other pages: docs often keep a page of everything (markdownlint's
 * `Rules.md`, an API index) beside one page per item, and imported whole both would be atoms that
 * say the same, splitting search hits and citations between them. A piece whose every block of
 * text is also on other pages, in pieces that are kept, is one of those; the largest are judged
 * first, so the page of everything goes and the page of each item stays.
 */
import type { Piece } from './split.js';

/** Blocks shorter than this (a "Tags:" line, a one-word cell) are too common to tell pages apart. */
const MIN_BLOCK_CHARS = 40;
/** A piece of one block is too small to call a repeat: one shared sentence is a coincidence. */
const MIN_BLOCKS = 2;
/** A block in more pieces than this is boilerplate (`Default: false`, `Type: Boolean`), no content of any. */
const MAX_HOLDERS = 3;

/**
 * The pieces that repeat others, each with the pieces on other pages that hold its text, in the order found.
 *
 * @example repeatedPieces([rulesPiece, md001Piece, md003Piece]) //=> Map { rulesPiece => [md001Piece, md003Piece] }
 */
export function repeatedPieces(pieces: readonly Piece[]): Map<Piece, Piece[]> {
  const blocks = new Map(pieces.map((piece) => [piece, new Set(piece.textBlocks.filter((block) => block.length >= MIN_BLOCK_CHARS))]));
  // Where each block is held: the pieces, by index.
  const holders = new Map<string, Set<number>>();
  pieces.forEach((piece, i) => {
    for (const block of blocks.get(piece)!) holders.set(block, (holders.get(block) ?? new Set()).add(i));
  });
  const repeated = new Map<Piece, Piece[]>();
  const dropped = new Set<number>();
  const largestFirst = pieces.map((_, i) => i).sort((a, b) => blocks.get(pieces[b]!)!.size - blocks.get(pieces[a]!)!.size || a - b);
  for (const i of largestFirst) {
    const piece = pieces[i]!;
    const own = new Set([...blocks.get(piece)!].filter((block) => holders.get(block)!.size <= MAX_HOLDERS));
    if (own.size < MIN_BLOCKS) continue;
    const elsewhere = (block: string) => [...holders.get(block)!].filter((j) => j !== i && !dropped.has(j) && pieces[j]!.page !== piece.page);
    if (![...own].every((block) => elsewhere(block).length > 0)) continue;
    dropped.add(i);
    repeated.set(piece, [...new Set([...own].flatMap((block) => elsewhere(block).map((j) => pieces[j]!)))]);
  }
  return repeated;
}
