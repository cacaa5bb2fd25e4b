/**
 * What is wrong with an answer's Markdown, if anything: an unclosed code fence, a numbered list
 * begun in the middle (not after a `…` gap), raw HTML, or table rows outside a table (a table whose
 * head was cut off reads as a paragraph of pipes). Read with GFM, as the widget renders answers.
 */
import type { List, Nodes } from 'mdast';
import type { Atom } from '../../tooling/src/atom/load.js';
import { parseMarkdown } from '../../tooling/src/atom/markdown.js';
import type { SearchHit } from '../../tooling/src/retrieval/api.js';
import { chunkAtom, estimateTokens } from '../../tooling/src/retrieval/chunk.js';
import { toHit } from '../../tooling/src/retrieval/retriever.js';
import { composeExtractive } from '../src/answer/extractive.js';

export function markdownProblems(answer: string): string[] {
  const problems: string[] = [];
  let fence: string | undefined;
  for (const line of answer.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (!marker) continue;
    if (!fence) fence = marker[1]!;
    else if (marker[1]!.startsWith(fence) && line.trim() === marker[1]) fence = undefined;
  }
  if (fence) problems.push('a code fence is never closed');
  const visit = (node: Nodes, previous: Nodes | undefined): void => {
    if (node.type === 'html') problems.push(`raw HTML: ${node.value.slice(0, 40)}`);
    if (node.type === 'list' && (node as List).ordered) {
      const start = (node as List).start ?? 1;
      const gap = previous?.type === 'paragraph' && previous.children.some((c) => c.type === 'text' && c.value.trim() === '…');
      if (start !== 1 && !gap) problems.push(`a numbered list starts at ${start}`);
    }
    if (node.type === 'paragraph') {
      const first = node.children[0];
      if (first?.type === 'text' && /^\|.*\|\s*\n\|/.test(first.value)) problems.push(`table rows outside a table: ${first.value.slice(0, 40)}`);
    }
    if ('children' in node) (node.children as Nodes[]).forEach((child, i, all) => visit(child, all[i - 1]));
  };
  visit(parseMarkdown(answer), undefined);
  return problems;
}

/**
 * The problems of every section of the atoms composed as an extractive answer, as a how-to, a
 * what-is and a plain question, from units of at most `maxTokens` (so long sections are split).
 */
export function sectionAnswerProblems(atoms: readonly Atom[], maxTokens: number): string[] {
  const problems: string[] = [];
  for (const atom of atoms) {
    const units = chunkAtom(atom, { maxTokens, countTokens: estimateTokens, defaultLanguage: 'en' }).map((unit): SearchHit => toHit(unit, 1, { confidence: 0.9, matchedErrorCode: undefined }));
    const sections = [...new Map(units.filter((u) => u.kind !== 'faq').map((u) => [u.anchor ?? '', u])).values()];
    for (const hit of sections) {
      for (const question of [`how do I ${hit.section ?? hit.title}`, `what is ${hit.section ?? hit.title}`, hit.section ?? hit.title]) {
        const { answer } = composeExtractive(question, [hit], { language: 'en', minScore: 0.1, atomUnits: units });
        for (const problem of markdownProblems(answer)) problems.push(`${hit.unitId} (${question}): ${problem}`);
      }
    }
    // Each FAQ pair as the direct answer, asked as written and in other words (which shows its question first).
    for (const faq of units.filter((u) => u.kind === 'faq')) {
      for (const question of [faq.question!, `${faq.question!} asked another way, with other words`]) {
        const { answer } = composeExtractive(question, [faq, ...sections.slice(0, 1)], { language: 'en', minScore: 0.1, atomUnits: units });
        for (const problem of markdownProblems(answer)) problems.push(`${faq.unitId} (${question}): ${problem}`);
      }
    }
  }
  return problems;
}
