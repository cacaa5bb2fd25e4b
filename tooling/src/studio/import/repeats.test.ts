import { describe, expect, test } from 'vitest';
import { repeatedPieces } from './repeats.js';
import { splitPage } from './split.js';

const rule = (code: string, what: string) =>
  `This rule is triggered when ${what}, which makes the document harder to read for everyone.\n\n\`\`\`markdown\n# ${code} example that fails the ${what} check\n\`\`\``;
const pieces = (pages: Record<string, string>) => Object.entries(pages).flatMap(([rel, markdown]) => splitPage({ rel, data: {}, markdown }).pieces);

describe('repeatedPieces', () => {
  test('a page of every rule repeats the page of each rule: it goes, each rule’s page stays', () => {
    const all = pieces({
      'Rules.md': `# Rules\n\n## MD001 - Heading levels\n\n${rule('MD001', 'heading levels skip one')}\n\n## MD003 - Heading style\n\n${rule('MD003', 'heading styles are mixed')}\n`,
      'md001.md': `# MD001 - Heading levels\n\n${rule('MD001', 'heading levels skip one')}\n`,
      'md003.md': `# MD003 - Heading style\n\n${rule('MD003', 'heading styles are mixed')}\n`,
    });
    const repeated = repeatedPieces(all);
    expect([...repeated.keys()].map((piece) => piece.page)).toEqual(['Rules.md']);
    expect([...repeated.values()][0]!.map((piece) => piece.title)).toEqual(['MD001 - Heading levels', 'MD003 - Heading style']);
  });

  test('a piece keeps what it says on its own, boilerplate aside; a page repeating itself is no repeat', () => {
    const boilerplate = '* Default: **false**, unless the workspace sets it otherwise\n* Type: **Boolean**, read from the workspace file';
    const all = pieces({
      'a.md': `# A\n\n${boilerplate}\n\nA says something of its own about caching the store between runs.\n`,
      'b.md': `# B\n\n${boilerplate}\n\nB says something else about linking packages from the workspace.\n`,
      'c.md': `# C\n\n${boilerplate}\n\nC repeats what A says: A says something of its own about caching the store between runs.\n`,
      'd.md': `# D\n\n${boilerplate}\n\nD is about pruning the store when it has grown too large to keep.\n`,
      // Its one paragraph is D's, and its list is everyone's: one shared paragraph is no repeat.
      'e.md': `# E\n\n${boilerplate}\n\nD is about pruning the store when it has grown too large to keep.\n`,
      'twice.md': `# Twice\n\n## One\n\n${rule('X', 'the same words appear twice')}\n\n## Two\n\n${rule('X', 'the same words appear twice')}\n`,
    });
    expect(repeatedPieces(all).size).toBe(0);
  });
});
