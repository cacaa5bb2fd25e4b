/**
 * Q/A pairs as the site shows them: the `## FAQ` section of any atom, and the whole body of a
 * `faq` atom (where headings only group questions). Pairs are read by the shared parser in
 * atom/faq.ts, rendered as a definition list, and published as FAQPage data.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { faqProblems, parseFaq, type FaqPair } from '../atom/faq.js';
import { parseMarkdown } from '../atom/markdown.js';
import type { Atom } from '../atom/load.js';
import { isFaqHeading } from '../atom/sections.js';

/** A run of blocks between two headings that holds Q/A pairs. */
interface FaqRun {
  /** Index of the first block in `tree.children`. */
  readonly from: number;
  /** Index after the last block. */
  readonly to: number;
  readonly pairs: readonly FaqPair[];
}

/**
 * The Q/A pairs of an atom, `[]` when it has none.
 *
 * @example atomFaq(atom) //=> [{ question: 'Does it lose data?', answer: 'No.', line: 40, answerLine: 41 }]
 */
export function atomFaq(atom: Pick<Atom, 'tree' | 'text' | 'header'>): FaqPair[] {
  return faqRuns(atom.tree, atom.text, atom.header?.type === 'faq').flatMap((run) => run.pairs);
}

/**
 * remark plugin: replaces Q/A pairs with a `<dl class="atom-faq">` of `<dt>` questions and `<dd>`
 * answers (each rendered as Markdown). Headings stay, so their anchors do not move; text that is not
 * a pair is left as written.
 */
export function remarkAtomFaq() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value ?? '');
    // A body made only of pairs (and headings) is a faq atom's.
    const whole = runs(tree).every(([from, to]) => faqProblems(slice(tree, source, from, to)).length === 0);
    for (const run of faqRuns(tree, source, whole).reverse()) {
      const list = {
        type: 'atomFaq',
        data: { hName: 'dl', hProperties: { className: ['atom-faq'] } },
        children: run.pairs.flatMap((pair) => [
          { type: 'atomFaqQuestion', data: { hName: 'dt' }, children: inline(pair.question) },
          { type: 'atomFaqAnswer', data: { hName: 'dd' }, children: parseMarkdown(pair.answer).children },
        ]),
      } as unknown as RootContent;
      tree.children.splice(run.from, run.to - run.from, list);
    }
  };
}

/** Runs of pairs: in the `## FAQ` section, or (`whole`) between any two headings. */
function faqRuns(tree: Root, source: string, whole: boolean): FaqRun[] {
  const out: FaqRun[] = [];
  let inFaq = false;
  for (const [from, to, heading] of runs(tree)) {
    if (heading?.type === 'heading' && heading.depth <= 2) inFaq = heading.depth === 2 && isFaqHeading(toString(heading));
    if (!whole && !inFaq) continue;
    const pairs = parseFaq(slice(tree, source, from, to)).filter((pair) => pair.question !== '' && pair.answer !== '');
    if (pairs.length > 0) out.push({ from, to, pairs });
  }
  return out;
}

/** `[from, to, heading before]` of each run of non-heading blocks. */
function runs(tree: Root): [number, number, RootContent | undefined][] {
  const out: [number, number, RootContent | undefined][] = [];
  let start = 0;
  tree.children.forEach((node, i) => {
    if (node.type !== 'heading') return;
    if (i > start) out.push([start, i, tree.children[start - 1]]);
    start = i + 1;
  });
  if (tree.children.length > start) out.push([start, tree.children.length, tree.children[start - 1]]);
  return out.filter(([from, to]) => tree.children.slice(from, to).some((node) => node.type !== 'yaml' && node.type !== 'html'));
}

function slice(tree: Root, source: string, from: number, to: number): string {
  const start = tree.children[from]?.position?.start.offset ?? 0;
  const end = tree.children[to - 1]?.position?.end.offset ?? source.length;
  return source.slice(start, end);
}

/** A question's Markdown as inline content (a question is one paragraph). */
function inline(text: string): RootContent[] {
  const blocks = parseMarkdown(text).children;
  return blocks.flatMap((block) => (block.type === 'paragraph' ? block.children : [block]));
}
