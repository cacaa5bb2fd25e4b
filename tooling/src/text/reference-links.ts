/**
 * Reference links (`[text][ref]`, `[text][]`, `[text]`) written inline. A page keeps its link
 * definitions at its end; a section quoted on its own (a search unit, an answer) would show the
 * brackets as written and lose the link.
 */
import type { Definition, Nodes } from 'mdast';

/** The link definitions of a tree, by identifier (the first one wins, as in CommonMark). */
export function definitionsOf(tree: Nodes): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return definitions;
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

/** A link's text as written (code spans and emphasis kept). */
function linkText(text: string, children: readonly Nodes[], label: string): string {
  const first = children[0]?.position?.start.offset;
  const last = children.at(-1)?.position?.end.offset;
  return first === undefined || last === undefined ? label : text.slice(first, last);
}
