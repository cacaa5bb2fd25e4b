/**
 * Q/A pairs as the site shows them: the `## FAQ` section of any atom, and the whole body of a
 * `faq` atom (where headings only group questions). Pairs are read by the shared parser in
 * atom/faq.ts while the body renders, rendered as a definition list, and published as FAQPage data.
 */
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { faqProblems, parseFaq, type FaqPair } from '../atom/faq.js';
import { parseMarkdown, parsesLikeAtoms } from '../atom/markdown.js';
import { questionAnchors } from '../atom/identity.js';
import { isFaqHeading } from '../atom/sections.js';

/** A question and its answer, as Markdown. */
export interface FaqText {
  readonly question: string;
  readonly answer: string;
}

/** The pairs of a run of blocks between two headings, as a page publishes them. */
export interface FaqGroup {
  /** Whether the run is in a `## FAQ` section; otherwise only a `faq` atom publishes its pairs. */
  readonly inFaqSection: boolean;
  readonly pairs: readonly FaqText[];
}

/** A run of blocks between two headings that holds Q/A pairs. */
interface FaqRun extends FaqGroup {
  /** Index of the first block in `tree.children`. */
  readonly from: number;
  /** Index after the last block. */
  readonly to: number;
  readonly pairs: readonly FaqPair[];
}

/**
 * The pairs an atom of `type` publishes as FAQPage data: those of its `## FAQ` section, or those of
 * its whole body for a `faq` atom.
 *
 * @example publishedFaq(rendered.faq, 'procedure') //=> [{ question: 'Does it lose data?', answer: 'No.' }]
 */
export function publishedFaq(groups: readonly FaqGroup[], type: string): FaqText[] {
  return groups.filter((group) => type === 'faq' || group.inFaqSection).flatMap((group) => group.pairs.map(({ question, answer }) => ({ question, answer })));
}

/**
 * The FAQ groups `remarkAtomFaq` read from a rendered body. They are kept where Astro hands what a
 * remark plugin finds to the page (`file.data.astro.frontmatter`, its renderer's
 * `metadata.frontmatter`).
 */
export function faqGroupsOf(frontmatter: Record<string, unknown> | undefined): FaqGroup[] {
  return (frontmatter?.[FAQ_KEY] as FaqGroup[] | undefined) ?? [];
}

const FAQ_KEY = 'atomkitFaq';

/**
 * remark plugin: replaces Q/A pairs with a `<dl class="atom-faq">` of `<dt>` questions and `<dd>`
 * answers (each rendered as Markdown). Headings stay, so their anchors do not move; text that is not
 * a pair is left as written. It also keeps every run's pairs for the page's FAQPage data
 * (`faqGroupsOf`), read from the tree the atom parser gives the body (the tree the linter checks):
 * the render's own tree when its parser is the same for this body, so no body is parsed twice.
 */
export function remarkAtomFaq(this: Processor) {
  return (tree: Root, file: VFile) => {
    const source = String(file.value ?? '');
    const found = faqRuns(tree, source);
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    (astro.frontmatter ??= {})[FAQ_KEY] = parsesLikeAtoms((this.data() as { micromarkExtensions?: unknown[] }).micromarkExtensions ?? [], source)
      ? found.map(asGroup)
      : faqGroups(parseMarkdown(source), source);
    // A body made only of pairs (and headings) is a faq atom's.
    const whole = runs(tree).every(([from, to]) => faqProblems(slice(tree, source, from, to)).length === 0);
    // Each question its anchor, given in document order as the search index gives them.
    const anchor = questionAnchors();
    const lists = found
      .filter((run) => whole || run.inFaqSection)
      .map((run) => ({
        run,
        list: {
          type: 'atomFaq',
          data: { hName: 'dl', hProperties: { className: ['atom-faq'] } },
          children: run.pairs.flatMap((pair) => [
            { type: 'atomFaqQuestion', data: { hName: 'dt', hProperties: { id: anchor(pair.question) } }, children: inline(pair.question) },
            { type: 'atomFaqAnswer', data: { hName: 'dd' }, children: parseMarkdown(pair.answer).children },
          ]),
        } as unknown as RootContent,
      }));
    // From the last, so the earlier runs' positions still hold.
    for (const { run, list } of lists.reverse()) tree.children.splice(run.from, run.to - run.from, list);
  };
}

/**
 * The pairs of each run of blocks between two headings in a body's tree, and whether the run is in
 * the `## FAQ` section.
 *
 * @example faqGroups(parseMarkdown('## FAQ\n\nQ: Why?\nA: Because.'), source) //=> [{ inFaqSection: true, pairs: [{ question: 'Why?', answer: 'Because.' }] }]
 */
export function faqGroups(tree: Root, source: string): FaqGroup[] {
  return faqRuns(tree, source).map(asGroup);
}

function asGroup({ inFaqSection, pairs }: FaqRun): FaqGroup {
  return { inFaqSection, pairs: pairs.map(({ question, answer }) => ({ question, answer })) };
}

/** Runs of pairs between any two headings, each marked whether it is in the `## FAQ` section. */
function faqRuns(tree: Root, source: string): FaqRun[] {
  const out: FaqRun[] = [];
  let inFaqSection = false;
  for (const [from, to, heading] of runs(tree)) {
    if (heading?.type === 'heading' && heading.depth <= 2) inFaqSection = heading.depth === 2 && isFaqHeading(toString(heading));
    const pairs = parseFaq(slice(tree, source, from, to)).filter((pair) => pair.question !== '' && pair.answer !== '');
    if (pairs.length > 0) out.push({ from, to, inFaqSection, pairs });
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
