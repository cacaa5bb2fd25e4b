/** Checks over an imported corpus: code kept, markup gone, links resolved. Shared by the import tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Link, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { toString } from 'mdast-util-to-string';
import { mdxjs } from 'micromark-extension-mdxjs';
import { atomId, atomUrl, headingAnchors } from '../../src/atom/identity.js';

export interface ImportedDraft {
  readonly id: string;
  readonly url: string;
  readonly header: Record<string, unknown>;
  readonly body: string;
  readonly tree: Root;
}

/** Every draft written under `atomsDir`. */
export function readDrafts(atomsDir: string): ImportedDraft[] {
  const out: ImportedDraft[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) {
        const parsed = parseFrontmatter(readFileSync(full, 'utf8'));
        const id = atomId(path.relative(atomsDir, full));
        out.push({ id, url: atomUrl(id, '/'), header: parsed.frontmatter, body: parsed.content, tree: fromMarkdown(parsed.content) });
      }
    }
  };
  walk(atomsDir);
  return out;
}

/**
 * The fenced code blocks of a source page (front matter removed), read as its format reads them,
 * each as its page shows it: of a VitePress Twoslash block, the lines after its `// ---cut---`
 * line that are not Twoslash's own (`// ^?`, `// @noErrors`).
 */
export function sourceCodeBlocks(text: string, mdx: boolean): string[] {
  const content = parseFrontmatter(text).content;
  const tree = mdx ? fromMarkdown(content, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] }) : fromMarkdown(content);
  return nodesOf(tree)
    .filter((node) => node.type === 'code' && /^[ \t]*(?:`{3,}|~{3,})/.test(content.slice(node.position!.start.offset!, node.position!.end.offset!).split('\n')[0]!))
    .map((node) => {
      const { value, meta } = node as { value: string; meta?: string | null };
      if (!/(?:^|\s)twoslash(?:\s|$)/.test(meta ?? '')) return value;
      const lines = value.split('\n');
      const cut = lines.findLastIndex((line) => /^\/\/ ---cut(?:-before)?---$/.test(line.trim()));
      const after = lines.findIndex((line) => line.trim() === '// ---cut-after---');
      return lines
        .slice(cut + 1, after < 0 ? undefined : after)
        .filter((line) => !/^\/\/\s*(?:\^[?|^]|@\w+\b(?!-))/.test(line.trim()))
        .join('\n');
    });
}

/** Every code block value in the drafts. */
export function draftCodeBlocks(drafts: readonly ImportedDraft[]): Set<string> {
  return new Set(drafts.flatMap((draft) => nodesOf(draft.tree).flatMap((node) => (node.type === 'code' ? [node.value] : []))));
}

/** Component markup left in a draft outside code: tags, containers, ESM lines, MkDocs markers, heading ids. */
export function markupLeft(draft: ImportedDraft): string[] {
  const found: string[] = [];
  for (const node of nodesOf(draft.tree)) {
    if (node.type === 'html' && /<\/?[A-Z][\w.]*(?:[\s/>]|$)|^<(?:script|style)\b/m.test(node.value)) found.push(node.value);
    if (node.type === 'heading' && /\{#[\w.-]+\}\s*$/.test(toString(node))) found.push(toString(node));
    if (node.type === 'paragraph') {
      const text = draft.body.slice(node.position!.start.offset!, node.position!.end.offset!);
      for (const line of text.split('\n')) {
        if (/^\s*(?::{3,}|!!!\s|\?\?\?\+?\s|===\s+"|<<<\s)|^\s*(?:import\s.+\sfrom\s|export\s+(?:const|default)\b)/.test(line)) found.push(line);
      }
    }
  }
  return found;
}

/** Links of a draft to site paths that are not a draft page, or to an anchor the page does not have (links the import reported as kept as written aside). */
export function brokenInternalLinks(drafts: readonly ImportedDraft[], keptAsWritten: ReadonlySet<string>): string[] {
  const anchors = new Map(drafts.map((draft) => [draft.url, new Set(headingAnchors(nodesOf(draft.tree).filter((node) => node.type === 'heading').map((node) => toString(node))))]));
  const broken: string[] = [];
  for (const draft of drafts) {
    const urls = [
      ...nodesOf(draft.tree).flatMap((node) => (node.type === 'link' ? [(node as Link).url] : node.type === 'definition' ? [node.url] : [])),
    ];
    for (const url of urls) {
      if (!url.startsWith('/') || url.startsWith('//') || keptAsWritten.has(url)) continue;
      const [page = '', anchor] = url.split('#');
      const known = anchors.get(page);
      if (!known || (anchor !== undefined && !known.has(anchor))) broken.push(`${draft.id}: ${url}`);
    }
  }
  return broken;
}

function nodesOf(node: Nodes | Root): Nodes[] {
  return [node as Nodes, ...('children' in node ? (node.children as Nodes[]).flatMap(nodesOf) : [])];
}
