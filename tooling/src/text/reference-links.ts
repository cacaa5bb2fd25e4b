/**
 * Reference links (`[text][ref]`, `[text][]`, `[text]`) written inline. A page keeps its link
 * definitions at its end; a section quoted on its own (a search unit, an answer) would show the
 * brackets as written and lose the link.
 */
import type { Definition, Nodes } from 'mdast';

/** The link definitions of a tree, by identifier (the first one wins, as in CommonMark). */
export function definitionsOf(tree: Nodes): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  for (const node of definitionNodes(tree)) if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  return definitions;
}

/** Every link definition of a tree, in document order, repeated identifiers too. */
function definitionNodes(tree: Nodes): Definition[] {
  const found: Definition[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'definition') found.push(node);
    else if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return found;
}

/**
 * The source of `node` (from the text it was parsed from) with each reference link or image whose
 * definition is known written as an inline one.
 *
 * @example withInlineReferences(text, paragraph, definitionsOf(tree)) //=> 'See [`Pool`](/pool/).'
 */
export function withInlineReferences(text: string, node: Nodes, definitions: ReadonlyMap<string, Definition>): string {
  const start = node.position!.start.offset!;
  const edits: { from: number; to: number; value: string }[] = [];
  const visit = (inner: Nodes) => {
    if ((inner.type === 'linkReference' || inner.type === 'imageReference') && inner.position) {
      const definition = definitions.get(inner.identifier);
      if (definition) {
        const destination = `${/[\s()<>]/.test(definition.url) ? `<${definition.url}>` : definition.url}${definition.title ? ` ${JSON.stringify(definition.title)}` : ''}`;
        const label = inner.type === 'imageReference' ? `![${inner.alt ?? ''}]` : `[${linkText(text, inner.children as Nodes[], inner.label ?? '')}]`;
        edits.push({ from: inner.position.start.offset!, to: inner.position.end.offset!, value: `${label}(${destination})` });
        return;
      }
    }
    if ('children' in inner) for (const child of inner.children as Nodes[]) visit(child);
  };
  visit(node);
  let source = text.slice(start, node.position!.end.offset!);
  for (const edit of edits.sort((a, b) => b.from - a.from)) source = source.slice(0, edit.from - start) + edit.value + source.slice(edit.to - start);
  return source;
}

/**
 * Markdown read apart from the page it came from (a FAQ's answer) with its reference links written
 * inline and the definitions it holds left out (they make no text of their own); `parse` is the
 * project's Markdown parser. As it was when no definition is known.
 *
 * @example inlineReferences('See [this issue].\n\n[this issue]: https://github.com/x/1', definitionsOf(pageTree), parseMarkdown) //=> 'See [this issue](https://github.com/x/1).'
 */
export function inlineReferences(markdown: string, definitions: ReadonlyMap<string, Definition>, parse: (text: string) => Nodes): string {
  if (definitions.size === 0 || !markdown.includes('[')) return markdown;
  // `[this issue]` parses as a link only in a text that defines it: the page's definitions go
  // after it while it is read, and every definition is left out after.
  // Only those it names: a page of thousands of definitions is not read again for every pair.
  const folded = markdown.toLowerCase().replace(/\s+/g, ' ');
  const named = [...definitions.values()].filter((definition) => folded.includes(`[${definition.identifier}]`));
  if (named.length === 0 && !/^ {0,3}\[[^\]]+\]:/m.test(markdown)) return markdown;
  const defined = `${markdown}\n\n${named.map((definition) => `[${definition.label ?? definition.identifier}]: <${definition.url}>`).join('\n')}\n`;
  const inline = withInlineReferences(defined, parse(defined), definitions);
  let text = inline;
  // From the last, so the offsets of those before stay true.
  for (const node of definitionNodes(parse(inline)).reverse()) text = text.slice(0, node.position!.start.offset!) + text.slice(node.position!.end.offset!);
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** A link's text as written (code spans and emphasis kept). */
function linkText(text: string, children: readonly Nodes[], label: string): string {
  const first = children[0]?.position?.start.offset;
  const last = children.at(-1)?.position?.end.offset;
  return first === undefined || last === undefined ? label : text.slice(first, last);
}
