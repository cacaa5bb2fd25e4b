/**
 * Atoms are Markdown, not HTML: raw HTML in an atom is shown as text on its page, and a link or
 * image whose URL is not http(s), mailto or relative loses its URL. So an atom written from a
 * pasted log or transcript can never run script on the docs site.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

const SAFE_URL = /^(?:https?:|mailto:|[#/?.]|[^:]*$)/i;

/**
 * @example remarkSafeMarkup()(parse('<script>x</script>')) // the script becomes a text node
 */
export function remarkSafeMarkup() {
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'html' && parent && index !== undefined) {
        // A block of raw HTML stays a block, shown as code; inline HTML becomes plain text.
        parent.children[index] = parent.type === 'root' ? { type: 'code', value: node.value } : { type: 'text', value: node.value };
        return;
      }
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !SAFE_URL.test(node.url.trim())) {
        node.url = '#';
      }
    });
  };
}
