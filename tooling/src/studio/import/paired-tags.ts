/**
 * Tags alone on their lines that open and close a block (Hugo's `{{< note >}}` … `{{< /note >}}`,
 * GitBook's `{% hint %}` … `{% endhint %}`), rendered from the outside in, each pair with what it
 * holds already rendered. Fenced code is never read for tags.
 */
import { fencedCode } from '../../text/fences.js';

export interface LineTag {
  readonly indent: string;
  /** The tag that closes a pair (`{{< /note >}}`, `{% endhint %}`). */
  readonly closing: boolean;
  readonly name: string;
}

export interface TagRendering<T extends LineTag> {
  /** The lines a pair becomes: `inner` renders what it holds, `raw` is that as written. */
  readonly pair: (open: T, inner: () => string[], raw: readonly string[]) => string[];
  /** A line that opens no pair: text, or a tag that pairs with nothing. */
  readonly line: (line: string, tag: T | undefined) => string;
}

/** Deeper pairs than this are read as single tags: a page's own nesting is a few levels. */
const MAX_DEPTH = 16;

/**
 * @example renderPairedTags('<n>\nx\n</n>', (l) => (/^<\/?n>$/.test(l) ? { indent: '', closing: l[1] === '/', name: 'n' } : undefined), { pair: (_t, inner) => ['[', ...inner(), ']'], line: (l) => l }) //=> '[\nx\n]'
 */
export function renderPairedTags<T extends LineTag>(markdown: string, tagOf: (line: string) => T | undefined, rendering: TagRendering<T>): string {
  const lines = markdown.split('\n');
  const tags = lines.map(tagOf);
  const closing = closings(tags);
  const blocks = (from: number, to: number, depth: number): string[] => {
    const out: string[] = [];
    const code = fencedCode();
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      if (code(line)) {
        out.push(line);
        continue;
      }
      const open = tags[i];
      const end = closing.get(i) ?? -1;
      if (!open || end < 0 || end >= to || depth >= MAX_DEPTH) {
        out.push(rendering.line(line, open));
        continue;
      }
      out.push(...rendering.pair(open, () => blocks(i + 1, end, depth + 1), lines.slice(i + 1, end)));
      i = end;
    }
    return out;
  };
  return blocks(0, lines.length, 0).join('\n');
}

/** The line that closes each pair, by the line that opens it: the innermost open tag of the same name, in one pass. */
function closings(tags: readonly (LineTag | undefined)[]): Map<number, number> {
  const open = new Map<string, number[]>();
  const closing = new Map<number, number>();
  tags.forEach((tag, i) => {
    if (!tag) return;
    const stack = open.get(tag.name) ?? [];
    open.set(tag.name, stack);
    if (!tag.closing) stack.push(i);
    else if (stack.length > 0) closing.set(stack.pop()!, i);
  });
  return closing;
}
