/**
 * Every section of every atom of this knowledge base, composed as an extractive answer (as a
 * how-to, a what-is and a plain question, from units cut small enough that long sections are
 * split), is well-formed Markdown: its code fences are balanced, its numbered lists start at 1
 * and count up, and it holds no HTML.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { List, Nodes } from 'mdast';
import { describe, expect, test } from 'vitest';
import { loadAtoms } from '../../../tooling/src/atom/load.js';
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import { chunkAtom, estimateTokens, type Unit } from '../../../tooling/src/retrieval/chunk.js';
import { toHit } from '../../../tooling/src/retrieval/retriever.js';
import { composeExtractive } from './extractive.js';

const root = fileURLToPath(new URL('../../../atoms/', import.meta.url));
const atoms = loadAtoms({ root, locales: ['ja'] });

const asHit = (unit: Unit): SearchHit => toHit(unit, 1, { confidence: 0.9, matchedErrorCode: undefined });

/** What is wrong with an answer's Markdown, if anything. */
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
    if ('children' in node) (node.children as Nodes[]).forEach((child, i, all) => visit(child, all[i - 1]));
  };
  visit(fromMarkdown(answer), undefined);
  return problems;
}

describe('extractive answers over every atom section', () => {
  for (const maxTokens of [160, 256]) {
    test(`are well-formed Markdown with units of at most ${maxTokens} tokens`, () => {
      const problems: string[] = [];
      for (const atom of atoms) {
        const units = chunkAtom(atom, { maxTokens, countTokens: estimateTokens, defaultLanguage: 'en' }).map(asHit);
        const sections = [...new Map(units.filter((u) => u.kind !== 'faq').map((u) => [u.anchor ?? '', u])).values()];
        for (const hit of sections) {
          for (const question of [`how do I ${hit.section ?? hit.title}`, `what is ${hit.section ?? hit.title}`, hit.section ?? hit.title]) {
            const { answer } = composeExtractive(question, [hit], { language: 'en', minScore: 0.1, atomUnits: units });
            for (const problem of markdownProblems(answer)) problems.push(`${hit.unitId} (${question}): ${problem}`);
          }
        }
      }
      expect(problems.slice(0, 40)).toEqual([]);
    });
  }

  test('the check finds an unclosed fence, a list begun in the middle and raw HTML', () => {
    expect(markdownProblems('```sh\nrun\n\n3. Three\n4. Four\n\n<div>x</div>')).toEqual(['a code fence is never closed']);
    expect(markdownProblems('3. Three\n4. Four\n\n<div>x</div>\n')).toEqual(['a numbered list starts at 3', 'raw HTML: <div>x</div>']);
  });
});
