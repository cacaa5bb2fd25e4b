/**
 * `content/template-prompt`: text a template wrote for the author to replace (a section's prompt,
 * the placeholder summary, the sample FAQ pair) is still in the atom: an unedited `atomkit new`
 * atom, or an imported draft whose source had nothing for that section.
 */
import type { Nodes } from 'mdast';
import { NEW_ATOM_PROMPTS, TEMPLATE_PROMPTS } from '../../atom/sections.js';
import { field } from '../atom-facts.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'content/template-prompt',
    description: 'Template prompt text (a section prompt, the placeholder summary or FAQ pair) was left in the atom.',
    defaultSeverity: 'warn',
    messages: {
      prompt: 'The template prompt `{prompt}` is still here; expected the real content it asks for.',
      summary: 'The `summary` is still the template placeholder; expected one line saying what this atom is for.',
    },
  },
  check(atom, ctx) {
    if (field(atom, 'summary') === NEW_ATOM_PROMPTS.summary) {
      ctx.report({ messageId: 'summary', range: atom.positionOf(['summary']), hint: 'Write the one-liner a reader sees in search results and citations.' });
    }
    const visit = (node: Nodes) => {
      if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') return;
      if (node.type === 'paragraph' || node.type === 'heading') {
        const text = prose(node).replace(/\s+/g, ' ');
        for (const prompt of TEMPLATE_PROMPTS) {
          if (!isLeftIn(text, prompt) || !node.position) continue;
          ctx.report({
            messageId: 'prompt',
            data: { prompt },
            range: { start: node.position.start, end: node.position.end },
            hint: 'Replace the prompt with what it asks for, or remove it if the atom does not need it.',
          });
        }
        return;
      }
      if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    };
    for (const node of atom.tree.children) visit(node);
  },
};
/** The prompt stands as written by the template, not quoted (`"…"`) as a mention. */
function isLeftIn(text: string, prompt: string): boolean {
  for (let at = text.indexOf(prompt); at >= 0; at = text.indexOf(prompt, at + 1)) {
    if (!/["'“‘«「]/.test(text[at - 1] ?? '')) return true;
  }
  return false;
}

/** The node's text without inline code, so an atom may quote a prompt in backticks. */
function prose(node: Nodes): string {
  if (node.type === 'inlineCode' || node.type === 'html') return '';
  if ('value' in node) return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(prose).join('') : '';
}

export default rule;
