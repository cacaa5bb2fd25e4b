/**
 * How long the text functions take on input written to make them slow: runs of a character a
 * regular expression could backtrack on, a section of tens of thousands of sub-headings, a pasted
 * log against a table of thousands of codes. The unit tests check what each returns on the same
 * kind of input; the time is measured here, the best of three runs, against a target that leaves a
 * wide margin over a quiet two-core machine (a regression to quadratic or worse misses it by far).
 *
 * Usage: npm run bench:hostile
 */
import { performance } from 'node:perf_hooks';
import type { Heading, RootContent } from 'mdast';
import { composeExtractive } from '../../bot/src/answer/extractive.js';
import { definingPassage } from '../../bot/src/answer/defining.js';
import { cleanMarkdown, joinParts } from '../../bot/src/answer/markdown.js';
import { standsAlone } from '../../bot/src/answer/sentences.js';
import { trimToRelevant } from '../../bot/src/answer/trim.js';
import { atomFromText } from '../src/atom/load.js';
import type { SearchHit } from '../src/retrieval/api.js';
import { chunkAtom, estimateTokens } from '../src/retrieval/chunk.js';
import { phraseShare } from '../src/retrieval/proximity.js';
import { toHit } from '../src/retrieval/retriever.js';
import { normalizePage } from '../src/studio/import/normalize.js';
import { htmlAnchorIds } from '../src/studio/import/split.js';
import { atxHeading } from '../src/text/atx-heading.js';
import { isDelimiterRow } from '../src/text/markdown-table.js';
import { snippet } from '../src/text/snippet.js';
import { bench } from './index-corpus.js';

/** Milliseconds of `run`, the best of three: a neighbour's burst of load slows one run, a regression all. */
function best(run: () => unknown): number {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** A section of a procedure atom as the index holds it: parts of at most 256 tokens. */
function sectionOf(body: string): SearchHit[] {
  const atom = atomFromText('/kb/atoms/procedure/widget-setup.md', `---\ntitle: Widget setup\nsummary: How to configure widgets.\ntype: procedure\nauthor: a\ncreated: 2026-01-01\nversion: 1.0.0\ntags: [x]\nrelated: []\n---\n\n## Steps\n\n${body}\n`, { root: '/kb/atoms', base: '/', locales: [] });
  return chunkAtom(atom, { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' }).map((unit) => toHit(unit, 1, { confidence: 1, matchedErrorCode: undefined }));
}

/** Two questions answered from a section, as the chat service composes them. */
function answering(body: string): () => void {
  const units = sectionOf(body);
  return () => {
    for (const question of ['how do I configure widgets', 'what is a widget']) composeExtractive(question, units.slice(0, 3), { language: 'en', minScore: 0.1, atomUnits: units });
  };
}

const codeTable = (() => {
  const head = '| Code | Description |\n|---|---|\n';
  const units = Array.from({ length: 200 }, (_, u): SearchHit => ({
    ...sectionOf('x')[0]!,
    unitId: `error/codes#fix@${u}`,
    section: 'Fix',
    anchor: 'fix',
    text: head + Array.from({ length: 25 }, (_, i) => `| E_CODE_NUMBER_${u * 25 + i} | failure ${i} |`).join('\n'),
  }));
  const log = Array.from({ length: 150 }, (_, i) => `E_NOT_LISTED_${i}`).join(' ');
  return () => composeExtractive(`${log} E_CODE_NUMBER_4999`, units.slice(0, 8), { language: 'en', minScore: 0.2, atomUnits: units });
})();

const anchorNodes: RootContent[] = [
  { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Heading' }] } as Heading,
  ...Array.from({ length: 100_000 }, (_, i): RootContent => ({ type: 'html', value: `<a id="x${i}"></a>` })),
];
const nested = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i} alpha beta gamma delta\n`).join('\n');
const examplePairs = Array.from({ length: 5000 }, (_, i) => `\`\`\`mjs\nimport x${i} from 'x';\n\`\`\`\n\n\`\`\`cjs\nconst x${i} = require('x');\n\`\`\``).join('\n\n');
const codeParts = Array.from({ length: 5000 }, (_, i) => ({ text: `\`\`\`sh\necho ${i}\n\`\`\``, continues: i > 0 }));
const proximityUnit = Array.from({ length: 200_000 }, (_, i) => `w${i % 600}`);
const proximityWords = Array.from({ length: 600 }, (_, i) => ({ forms: [`w${i}`], weight: 1 }));
const definingInput = `${'| x | y |\n| - | - |\n'}${'| `a` | b |\n'.repeat(2000)}\n\n${'- a: b\n'.repeat(2000)}\n\n${'word '.repeat(4000)}is a thing.`;

const cases: readonly [name: string, target: number, run: () => unknown][] = [
  ['import a block of 100,000 component tags that never close', 2000, () => normalizePage(`<Foo>\n${'<A href="x '.repeat(100_000)}\n`, 'page.md', { dialect: 'vitepress', readPage: () => undefined })],
  ['answer from a run of 100,000 backticks', 3000, answering('`'.repeat(100_000))],
  ['answer from a line of 100,000 spaces', 3000, answering(`${' '.repeat(100_000)}x`)],
  ['answer from an unclosed code block of 20,000 lines', 3000, answering(`\`\`\`js\n${'code\n'.repeat(20_000)}`)],
  ['answer from an unclosed bracket before 20,000 images', 3000, answering(`[${'![a]'.repeat(20_000)}`)],
  ['answer from 40,000 sub-headings', 3000, answering('#### widgets\n'.repeat(40_000))],
  ['answer a log of 150 codes from a table of 5,000', 3000, codeTable],
  ['trim a list nested 1,000 deep', 2000, () => trimToRelevant(nested, ['delta'], 220)],
  ['a sentence after an unclosed bracket before images', 1000, () => standsAlone(`[${'![a]'.repeat(40)} and more words`)],
  ['a definition in 2,000 rows, 2,000 items and 4,000 words', 2000, () => definingPassage(definingInput, 'pitfall')],
  ['clean 20,000 unclosed HTML tables', 2000, () => cleanMarkdown('<table><tr><td>cell</td>\n'.repeat(20_000))],
  ['clean 5,000 example pairs and an unclosed twin', 1000, () => cleanMarkdown(`${examplePairs}\n\n\`\`\`mjs\nimport y from 'y';\n\`\`\`\n\n\`\`\`cjs\nconst y = require('y');`)],
  ['join 5,000 parts of one code block', 2000, () => joinParts(codeParts)],
  ['snippet of 200,000 brackets and of a row of 200,000 spaces', 1000, () => [snippet('['.repeat(200_000)), snippet(`| --- |${' '.repeat(200_000)}x`)]],
  ['heading lines of 100,000 spaces and 50,000 hashes', 1000, () => [atxHeading(`### a${' '.repeat(100_000)}x`), atxHeading(`### a${' #'.repeat(50_000)}x`)]],
  ['table delimiter rows of 100,000 spaces and 20,000 cells', 1000, () => [isDelimiterRow(`---${' '.repeat(100_000)}x`), isDelimiterRow(`| --- ${'| --- '.repeat(20_000)}|`)]],
  ['proximity of a 200,000-word unit to 600 question words', 2000, () => phraseShare(proximityUnit, proximityWords)],
  ['HTML anchors of a section of 100,000', 2000, () => htmlAnchorIds(anchorNodes)],
];

let missed = 0;
for (const [name, target, run] of cases) {
  const ms = best(run);
  if (ms > target) missed++;
  bench(`hostile: ${name}`, ms, 'ms', { target });
}
process.stderr.write(`${cases.length} hostile inputs, ${missed} over their target\n`);
