/**
 * The import's review report, least certain drafts first: per draft its source, type and the
 * classifier's confidence, the sections still holding template prompts, links kept as written,
 * components dropped from its page, and the small sections merged into it (each may be an idea
 * of its own, to split out). Pure `(entries, figures) => string` formats.
 */
import type { PlanStatus } from '../plan.js';

export interface ReviewEntry {
  readonly path: string;
  readonly title: string;
  /** Source page and anchor, relative to the imported folder. */
  readonly source: string;
  readonly type: string;
  readonly confidence: number;
  readonly signals: readonly string[];
  readonly prompts: readonly string[];
  readonly unmappedLinks: readonly string[];
  readonly droppedComponents: Readonly<Record<string, number>>;
  /** Headings of the small sections merged into the draft. */
  readonly merged: readonly string[];
  readonly status: PlanStatus;
}

export interface ReviewFigures {
  readonly dialect: string;
  readonly pages: number;
  readonly links: { readonly resolved: number; readonly unmapped: number };
}

/** Least confident first; among equals, the one with most left to fill. */
export function sortForReview(entries: readonly ReviewEntry[]): ReviewEntry[] {
  return [...entries].sort((a, b) => a.confidence - b.confidence || b.prompts.length + b.unmappedLinks.length - (a.prompts.length + a.unmappedLinks.length) || a.path.localeCompare(b.path));
}

/**
 * @example reviewJson([entry], figures) //=> '{\n  "dialect": "starlight", ..., "drafts": [...] }\n'
 */
export function reviewJson(entries: readonly ReviewEntry[], figures: ReviewFigures): string {
  return `${JSON.stringify({ ...figures, drafts: sortForReview(entries) }, null, 2)}\n`;
}

/**
 * @example reviewMarkdown([entry], figures) //=> '# Import review\n\n...| 0.41 | `atoms/error/x.md` | ...'
 */
export function reviewMarkdown(entries: readonly ReviewEntry[], figures: ReviewFigures): string {
  const types = new Map<string, number>();
  for (const entry of entries) types.set(entry.type, (types.get(entry.type) ?? 0) + 1);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Import review',
    '',
    `${entries.length} drafts from ${figures.pages} pages (${figures.dialect}); ${[...types].map(([type, n]) => `${n} ${type}`).join(', ')}.`,
    `Links: ${figures.links.resolved} resolved to drafts, ${figures.links.unmapped} kept as written.`,
    '',
    'Least certain first. Check the type, fill the sections still holding prompts, fix the links.',
    'A draft with sections merged in was cut from a page of short sections: split it where they are separate ideas (one atom, one idea).',
    '',
    '| confidence | draft | type | source | prompts left | links kept as written | components dropped | sections merged in |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const entry of sortForReview(entries)) {
    const dropped = Object.entries(entry.droppedComponents).map(([name, n]) => `${name} ×${n}`).join(', ');
    lines.push(
      `| ${entry.confidence.toFixed(2)} | \`${cell(entry.path)}\`${entry.status === 'new' ? '' : ` (${entry.status})`} | ${entry.type} | ${cell(entry.source)} | ${cell(entry.prompts.join(', '))} | ${cell(entry.unmappedLinks.map((url) => `\`${url}\``).join(', '))} | ${cell(dropped)} | ${cell(mergedList(entry.merged))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Sections listed by name in a cell before the rest are counted. */
const MERGED_SHOWN = 3;

/**
 * @example mergedList(['Reopening', 'Saving', 'Filtering', 'Debug']) //=> 'Reopening; Saving; Filtering; and 1 more'
 */
function mergedList(headings: readonly string[]): string {
  const shown = headings.slice(0, MERGED_SHOWN).join('; ');
  return headings.length > MERGED_SHOWN ? `${shown}; and ${headings.length - MERGED_SHOWN} more` : shown;
}
