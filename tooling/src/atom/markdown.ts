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
import { directive } from 'micromark-extension-directive';
import type { Root } from 'mdast';
import type { Construct, Extension } from 'micromark-util-types';

type MdastExtension = NonNullable<Options['mdastExtensions']>[number];

interface GfmConstruct {
  /** Matches every text in which the construct can occur (and may match more). */
  readonly occursIn: RegExp;
  readonly syntax: Extension;
  readonly mdast: MdastExtension;
}

/**
 * The kinds of literal autolink, each switched on by itself. Each kind is tried at every character
 * it could start on, and an e-mail address could start on any letter or digit: on an atom with a
 * URL but no `@`, e-mail attempts alone cost as much as all of CommonMark.
 */
const AUTOLINK_KINDS = [
  // `mailto:` and `xmpp:` addresses have an `@` too.
  { occursIn: /@/, name: 'emailAutolink' },
  { occursIn: /www\./i, name: 'wwwAutolink' },
  { occursIn: /https?:\/\//i, name: 'protocolAutolink' },
] as const;

/** remark-gfm's literal autolink extension, with only the named kinds, in its order. */
function autolinkSyntax(names: readonly string[]): Extension {
  const text: Record<number, Construct[]> = {};
  for (const [code, kinds] of Object.entries(gfmAutolinkLiteral().text ?? {})) {
    const wanted = [kinds].flat().filter((kind): kind is Construct => !!kind && names.includes(kind.name ?? ''));
    if (wanted.length > 0) text[Number(code)] = wanted;
  }
  return { text };
}

// In remark-gfm's order (literal autolinks first): where two constructs start on the same
// character, the first one wins.
const GFM: readonly GfmConstruct[] = [
  // Footnote calls and definitions both open with `[^`.
  { occursIn: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { occursIn: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row has at least one pipe.
  { occursIn: /\|/, syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  // A checkbox: `[`, then whitespace, `x` or `X`, then `]`.
  { occursIn: /\[[\sxX]\]/, syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
];

/** What `optionsFor` takes a bit of, in order. */
const SWITCHES: readonly { readonly occursIn: RegExp }[] = [...AUTOLINK_KINDS, ...GFM];

/** Parser options by the bit set of what is switched on (autolink kinds, then GFM), made as first needed. */
const optionsBySet = new Map<number, Options>();

function optionsFor(set: number): Options {
  let options = optionsBySet.get(set);
  if (!options) {
    const autolinks = AUTOLINK_KINDS.filter((_, i) => set & (1 << i)).map((kind) => kind.name);
    const constructs = GFM.filter((_, i) => set & (1 << (AUTOLINK_KINDS.length + i)));
    const syntax = constructs.map((c) => c.syntax);
    const mdast = constructs.map((c) => c.mdast);
    if (autolinks.length > 0) {
      syntax.unshift(autolinkSyntax(autolinks));
      // It also finds the same patterns again in text nodes.
      mdast.unshift(gfmAutolinkLiteralFromMarkdown());
    }
    options = { extensions: syntax, mdastExtensions: mdast };
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
  for (let i = 0; i < SWITCHES.length; i++) if (SWITCHES[i]!.occursIn.test(text)) set |= 1 << i;
  return fromMarkdown(text, optionsFor(set));
}

/**
 * Whether a remark processor whose parser takes these micromark extensions (its
 * `data('micromarkExtensions')`) gives `text` the tree `parseMarkdown` gives: it parses GFM as this
 * module does and nothing else besides directives (Starlight's asides), which `text` cannot hold (no
 * `:` before a letter or another `:`). Unknown syntax, or GFM switched off, answers no.
 *
 * @example parsesLikeAtoms(processor.data('micromarkExtensions') ?? [], '## FAQ') //=> true (remark-gfm and remark-directive)
 */
export function parsesLikeAtoms(extensions: readonly unknown[], text: string): boolean {
  let same = sameParser.get(extensions);
  if (same === undefined) {
    const used = constructs(extensions);
    same = used !== undefined && [...ATOM_CONSTRUCTS].every((key) => used.has(key)) && [...used].every((key) => ATOM_CONSTRUCTS.has(key) || DIRECTIVE_CONSTRUCTS.has(key));
    sameParser.set(extensions, same);
  }
  return same && !DIRECTIVE_START.test(text);
}

/** The answer for each processor's extension list: a build renders every body with the same one. */
const sameParser = new WeakMap<readonly unknown[], boolean>();

const DIRECTIVE_START = /:[A-Za-z:]/;
const ATOM_CONSTRUCTS = constructs(optionsFor(2 ** SWITCHES.length - 1).extensions ?? [])!;
const DIRECTIVE_CONSTRUCTS = constructs([directive()])!;

/**
 * What a set of micromark extensions hooks, as `field:character:construct` keys (a construct named
 * by its name or its tokenizer's); undefined when one switches a construct off.
 */
function constructs(extensions: readonly unknown[]): Set<string> | undefined {
  const keys = new Set<string>();
  for (const extension of extensions.flat(Infinity) as Record<string, unknown>[]) {
    for (const [field, hooks] of Object.entries(extension ?? {})) {
      if (field === 'disable') {
        if ([(hooks as { null?: unknown[] }).null ?? []].flat().length > 0) return undefined;
        continue;
      }
      for (const [code, hooked] of Object.entries(hooks ?? {})) {
        for (const construct of [hooked].flat() as (Partial<Construct> | number)[]) {
          const name = typeof construct === 'number' ? String(construct) : (construct.name ?? construct.tokenize?.name ?? construct.resolveAll?.name ?? '?');
          keys.add(`${field}:${code}:${name}`);
        }
      }
    }
  }
  return keys;
}
