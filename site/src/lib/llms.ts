/**
 * `llms.txt` (an index of the atoms with links and summaries) and `llms-full.txt` (every atom's
 * Markdown), grouped by type, so assistants and agents can read the knowledge base.
 */
import { absoluteUrl } from '../../../tooling/src/atom/identity.js';
import { ATOM_TYPES } from '../../../tooling/src/atom/schema.js';
import type { AtomPageInfo } from '../../../tooling/src/site/page-data.js';
import { TYPE_LABELS } from './labels.js';

export interface LlmsAtom {
  readonly title: string;
  readonly atom: AtomPageInfo;
  /** The atom's Markdown body (without its header). */
  readonly body: string;
}

export interface LlmsSite {
  readonly title: string;
  readonly siteUrl: string;
}

/**
 * @example llmsIndex({ title: 'kb', siteUrl: 'https://x.org' }, atoms) //=> '# kb\n\n> ...\n\n## Errors\n\n- [Title](https://x.org/error/t/): summary\n'
 */
export function llmsIndex(site: LlmsSite, atoms: readonly LlmsAtom[]): string {
  const out = [`# ${site.title}`, '', `> ${intro(atoms.length)}`, ''];
  for (const [type, list] of grouped(atoms)) {
    out.push(`## ${TYPE_LABELS[type].plural}`, '');
    for (const item of list) out.push(`- [${escapeLinkText(item.title)}](${absoluteUrl(item.atom.url, site.siteUrl)}): ${oneLine(item.atom.summary)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Every atom in full: a heading per type, then per atom its title, URL, summary, tags and body. */
export function llmsFull(site: LlmsSite, atoms: readonly LlmsAtom[]): string {
  const out = [`# ${site.title}`, '', `> ${intro(atoms.length)}`, ''];
  for (const [type, list] of grouped(atoms)) {
    out.push(`## ${TYPE_LABELS[type].plural}`, '');
    for (const item of list) {
      out.push(`### ${item.title}`, '');
      out.push(`URL: ${absoluteUrl(item.atom.url, site.siteUrl)}`);
      out.push(`Summary: ${oneLine(item.atom.summary)}`);
      if (item.atom.tags.length > 0) out.push(`Tags: ${item.atom.tags.join(', ')}`);
      out.push(`Version: ${item.atom.version}`, '');
      out.push(demoteHeadings(item.body.trim(), 2), '');
    }
  }
  return out.join('\n');
}

function intro(count: number): string {
  return `${count} knowledge atom${count === 1 ? '' : 's'}: short Markdown pages that each hold one idea (an error, a procedure, a pitfall, ...), grouped by type.`;
}

function grouped(atoms: readonly LlmsAtom[]) {
  const sorted = [...atoms].sort((a, b) => a.title.localeCompare(b.title, 'en'));
  return ATOM_TYPES.map((type) => [type, sorted.filter((item) => item.atom.type === type)] as const).filter(([, list]) => list.length > 0);
}

/** Nests an atom's own headings under its `###` title; fenced code is left alone. */
function demoteHeadings(markdown: string, levels: number): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const open = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (open) {
        if (!fence) fence = open[1]!.slice(0, 3);
        else if (open[1]!.startsWith(fence)) fence = undefined;
        return line;
      }
      if (fence) return line;
      return line.replace(/^(#{1,6})(?=\s)/, (hashes) => '#'.repeat(Math.min(6, hashes.length + levels)));
    })
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, '\\$&');
}
