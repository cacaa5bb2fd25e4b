/**
 * The Markdown parser of atom bodies: CommonMark plus GFM, giving exactly the tree remark-parse
 * with remark-gfm gives, but with each GFM construct switched on only for text that contains the
 * characters the construct cannot appear without.
 *
 * Why: a construct that cannot match changes nothing in the tree, yet its tokenizer still runs at
 * every place it could start. On a typical atom the GFM extensions double micromark's work
 * (literal autolinks alone cost half as much as all of CommonMark), and most atoms have no table,
 * no URL, no footnote. `markdown.test.ts` checks the trees are identical, position for position.
 */
import { fromMarkdown, type Options } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Root } from 'mdast';

interface GfmConstruct {
  /** Matches every text in which the construct can occur (and may match more). */
  readonly occursIn: RegExp;
  readonly syntax: NonNullable<Options['extensions']>[number];
  readonly mdast: NonNullable<Options['mdastExtensions']>[number];
}

// In remark-gfm's order: where two constructs start on the same character, the first one wins.
const GFM: readonly GfmConstruct[] = [
  // `www.`, `http://`, `https://` in any case; e-mail addresses (`mailto:` and `xmpp:` ones too)
  // have an `@`. The mdast half finds the same patterns again in text nodes.
  { occursIn: /@|www\.|https?:\/\//i, syntax: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown() },
  // Footnote calls and definitions both open with `[^`.
  { occursIn: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { occursIn: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row has at least one pipe.
  { occursIn: /\|/, syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  // A checkbox: `[`, then whitespace, `x` or `X`, then `]`.
  { occursIn: /\[[\sxX]\]/, syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
];

/** Parser options by the bit set of constructs switched on, made as first needed. */
const optionsBySet = new Map<number, Options>();

function optionsFor(set: number): Options {
  let options = optionsBySet.get(set);
  if (!options) {
    const constructs = GFM.filter((_, i) => set & (1 << i));
    options = { extensions: constructs.map((c) => c.syntax), mdastExtensions: constructs.map((c) => c.mdast) };
    optionsBySet.set(set, options);
  }
  return options;
}

/**
 * Parses Markdown (CommonMark and GFM) into mdast with positions.
 *
 * @example parseMarkdown('| a |\n| - |').children[0]?.type //=> 'table'
 */
export function parseMarkdown(text: string): Root {
  let set = 0;
  for (let i = 0; i < GFM.length; i++) if (GFM[i]!.occursIn.test(text)) set |= 1 << i;
  return fromMarkdown(text, optionsFor(set));
}
