/**
 * GitHub alerts (`> [!NOTE]` on the first line of a blockquote), which authors who write atoms on
 * GitHub use and which GitHub renders as a labelled callout, shown on the site the way the importer
 * writes every other aside: the blockquote, its first line a bold label. Without this, Starlight
 * shows `[!NOTE]` as written.
 */
import type { Blockquote, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { ALERT_MARKER, alertLabel } from '../text/github-alerts.js';

/**
 * @example remarkGithubAlerts()(parse('> [!TIP]\n> Run it.')) // > **Tip**, then "Run it."
 */
export function remarkGithubAlerts() {
  return (tree: Root) => {
    visit(tree, 'blockquote', (quote: Blockquote) => {
      const first = quote.children[0];
      const text = first?.type === 'paragraph' ? first.children[0] : undefined;
      const marker = text?.type === 'text' ? ALERT_MARKER.exec(text.value) : null;
      if (!first || first.type !== 'paragraph' || !text || text.type !== 'text' || !marker) return;
      const kind = marker[1]!.toLowerCase();
      const label = { type: 'strong' as const, children: [{ type: 'text' as const, value: alertLabel(kind) }] };
      const rest = text.value.slice(marker[0].length);
      const after = [...(rest === '' ? [] : [{ ...text, value: rest }]), ...first.children.slice(1)];
      // The label is a paragraph of its own, as `> **Note**` then `>` then the text would be.
      quote.children.splice(0, 1, { type: 'paragraph', children: [label] }, ...(after.length > 0 ? [{ ...first, children: after }] : []));
      // Classes for the site's styles, through the hast properties mdast-util-to-hast reads.
      const data = (quote.data ??= {}) as { hProperties?: Record<string, unknown> };
      data.hProperties = { ...data.hProperties, className: ['atom-alert', `atom-alert-${kind}`] };
    });
  };
}
