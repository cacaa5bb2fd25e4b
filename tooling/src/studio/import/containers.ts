/**
 * Line transforms that turn the container syntaxes no maintained micromark extension reads into
 * generic directives (`:::name[label]`), which micromark-extension-directive then parses:
 * VitePress and Docusaurus titles after a space (`::: tip Title`), MkDocs Material admonitions
 * (`!!! note "Title"`, collapsible `???`) and content tabs (`=== "Tab"`), whose bodies are indented
 * by four spaces; and GitHub alerts (`> [!NOTE]`) into labelled blockquotes. Lines inside fenced
 * code are never touched.
 */
import { fencedCode } from '../../text/fences.js';
import { ALERT_MARKER_LINE, alertLabel } from '../../text/github-alerts.js';

/** `::: tip Title` / `:::warning Title` (not `:::note[Title]` or `:::name{attrs}`, already directives). */
const SPACED_CONTAINER = /^(\s*)(:{3,})[ \t]*([A-Za-z][\w-]*)(?:[ \t]+([^[{\s].*?))?[ \t]*$/;
/** `!!! note "Title"`, `??? tip`, `???+ warning ""`, `!!! note inline end`. */
const MKDOCS_ADMONITION = /^( *)(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+[^"\s][^"]*?)?(?:[ \t]+"([^"]*)")?[ \t]*$/;
/** `=== "Tab label"` (`===!` starts a new tab group). */
const MKDOCS_TAB = /^( *)===!?[ \t]+"([^"]*)"[ \t]*$/;

/**
 * Rewrites VitePress/Docusaurus containers whose title follows the name after a space.
 *
 * @example spacedContainers('::: tip Use it\nText\n:::') //=> ':::tip[Use it]\nText\n:::'
 */
export function spacedContainers(markdown: string): string {
  return mapOutsideFences(markdown, (line) => {
    const match = SPACED_CONTAINER.exec(line);
    if (!match) return line;
    const [, indent, colons, name, title] = match;
    return `${indent}${colons}${name}${title ? `[${escapeLabel(title)}]` : ''}`;
  });
}

/**
 * Rewrites MkDocs Material admonitions and content tabs as directives, recursively: the indented
 * body is dedented by four spaces and closed by a fence one colon longer than anything inside.
 *
 * @example mkdocsContainers('!!! note "Heads up"\n    Text.\n') //=> '::::note[Heads up]\nText.\n::::\n'
 */
export function mkdocsContainers(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const code = fencedCode();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (code(line)) {
      out.push(line);
      continue;
    }
    const admonition = MKDOCS_ADMONITION.exec(line);
    const tab = admonition ? undefined : MKDOCS_TAB.exec(line);
    if (!admonition && !tab) {
      out.push(line);
      continue;
    }
    const indent = (admonition ?? tab)![1]!;
    const body: string[] = [];
    let j = i + 1;
    // The body: lines indented four more than the marker, and blank lines between them.
    while (j < lines.length && (lines[j]!.trim() === '' || lines[j]!.startsWith(`${indent}    `))) body.push(lines[j++]!);
    while (body.length > 0 && body.at(-1)!.trim() === '') {
      body.pop();
      j--;
    }
    const inner = mkdocsContainers(body.map((text) => text.slice(indent.length + 4)).join('\n'));
    const fence = directiveFence(inner, admonition ? admonition[3]! : 'tab', admonition ? admonition[4] : tab![2]);
    out.push(`${indent}${fence.open}`);
    for (const text of inner.split('\n')) out.push(text === '' ? '' : `${indent}${text}`);
    out.push(`${indent}${fence.close}`);
    i = j - 1;
  }
  return out.join('\n');
}

function mapOutsideFences(markdown: string, map: (line: string) => string): string {
  const code = fencedCode();
  return markdown
    .split('\n')
    .map((line) => (code(line) ? line : map(line)))
    .join('\n');
}


/**
 * Rewrites GitHub alerts (`> [!NOTE]`), which no docs tool but GitHub renders, as the labelled
 * blockquote every other aside becomes.
 *
 * @example githubAlerts('> [!TIP]\n> Run it.') //=> '> **Tip**\n>\n> Run it.'
 */
export function githubAlerts(markdown: string): string {
  return mapOutsideFences(markdown, (line) => {
    const match = ALERT_MARKER_LINE.exec(line);
    if (!match) return line;
    const [, quote, kind] = match;
    return `${quote} **${alertLabel(kind!)}**\n${quote}`;
  });
}

/**
 * The fence of a code block around `code`: longer than any run of backticks inside it.
 *
 * @example codeFence('```js\nx\n```') //=> '````'
 */
export function codeFence(code: string): string {
  let longest = 0;
  for (const match of code.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * The opening and closing lines of a generic directive (`:::name[Label]`) around `inner`: its
 * fence longer than that of any directive inside, the label escaped.
 *
 * @example directiveFence(':::tip\nx\n:::', 'tab', 'Linux').open //=> '::::tab[Linux]'
 */
export function directiveFence(inner: string, name: string, label?: string): { open: string; close: string } {
  let longest = 0;
  for (const match of inner.matchAll(/^[ \t]*(:{3,})/gm)) longest = Math.max(longest, match[1]!.length);
  const colons = ':'.repeat(Math.max(3, longest + 1));
  return { open: `${colons}${name}${label ? `[${escapeLabel(label)}]` : ''}`, close: colons };
}

function escapeLabel(label: string): string {
  return label.replace(/([[\]\\])/g, '\\$1');
}
