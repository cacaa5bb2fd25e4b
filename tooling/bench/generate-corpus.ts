/**
 * Writes N synthetic atoms of every type (realistic 400-800 word bodies, `related` links between
 * them, FAQ sections, numbered steps, config templates) for the lint benchmark. Inline code, bold,
 * shell blocks, URLs and tables appear at least as often as in the project's own atoms, so the
 * parser meets the GFM constructs it meets in real ones.
 *
 * Usage: tsx tooling/bench/generate-corpus.ts <dir> <count> [seed]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { titleSlug } from '../src/atom/identity.js';
import { ATOM_TYPES, type AtomType } from '../src/atom/schema.js';
import { REQUIRED_SECTIONS } from '../src/atom/sections.js';

export interface CorpusOptions {
  readonly dir: string;
  readonly count: number;
  /** Same seed, same corpus. @default 1 */
  readonly seed?: number;
}

const WORDS = (
  'the service queue worker retries request token cache config deploy cluster node replica index shard ' +
  'backup restore timeout latency error log metric alert dashboard operator release rollback migration ' +
  'schema field value default limit quota storage volume network route gateway proxy certificate secret ' +
  'permission role account session batch job schedule window threshold capacity upstream downstream'
).split(' ');
const NOUNS = 'Billing Ingest Search Auth Payments Reports Export Scheduler Gateway Storage Mailer Indexer'.split(' ');
const VERBS = 'Restart Rotate Drain Resize Migrate Reindex Restore Promote Throttle Purge'.split(' ');

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The title of synthetic atom `i` (unique). */
export function corpusTitle(i: number): string {
  return `${VERBS[i % VERBS.length]} the ${NOUNS[Math.floor(i / VERBS.length) % NOUNS.length]} service, case ${i}`;
}

/** Relative path of synthetic atom `i`. */
export function corpusPath(i: number): string {
  const type = ATOM_TYPES[i % ATOM_TYPES.length]!;
  return `${type}/${titleSlug(corpusTitle(i))}.md`;
}

/** The Markdown of synthetic atom `i` in a corpus of `count`. */
export function corpusAtom(i: number, count: number, seed = 1): string {
  const rand = random(seed * 1_000_003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sentence = (min = 8, max = 16) => {
    const n = min + Math.floor(rand() * (max - min));
    const words = Array.from({ length: n }, () => pick(WORDS));
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, () => sentence()).join(' ');
  // Every atom names things in code; some stress a word, link a page or show a table or a command.
  const styled = (text: string) => {
    let out = text.replace(/ (\w+) (\w+)\./, ' `$1_$2`.');
    if (rand() < 0.3) out = out.replace(/ (\w+) /, ' **$1** ');
    if (rand() < 0.1) out += ` See <https://docs.example.org/${pick(WORDS)}/${pick(WORDS)}> for the details.`;
    return out;
  };
  const extras = (): string[] => [
    ...(rand() < 0.4 ? [`\`\`\`sh\natomkit ${pick(WORDS)} --${pick(WORDS)} ${pick(WORDS)}\n\`\`\``] : []),
    ...(rand() < 0.15 ? [`| ${pick(WORDS)} | ${pick(WORDS)} |\n| --- | --- |\n| ${pick(WORDS)} | ${pick(WORDS)} |\n| ${pick(WORDS)} | ${pick(WORDS)} |`] : []),
  ];
  const type = ATOM_TYPES[i % ATOM_TYPES.length] as AtomType;
  const relatedCount = count > 1 ? 1 + Math.floor(rand() * 3) : 0;
  const related = new Set<string>();
  for (let r = 0; r < relatedCount; r++) {
    const j = Math.floor(rand() * count);
    if (j !== i) related.add(corpusTitle(j));
  }
  const header = [
    '---',
    `title: ${corpusTitle(i)}`,
    `summary: ${sentence(8, 12)}`,
    `type: ${type}`,
    'author: bench',
    'created: 2025-03-14',
    'version: 1.0.0',
    `tags: [${pick(WORDS)}, bench]`,
    related.size === 0 ? 'related: []' : `related:\n${[...related].map((t) => `  - ${t}`).join('\n')}`,
    ...(type === 'error' ? [`error_codes: [E${1000 + i}]`] : []),
    '---',
  ];
  // Target 400-800 words in total, spread over the sections.
  const target = 520 + Math.floor(rand() * 240);
  const body: string[] = [styled(paragraph(2))];
  const faq = (pairs: number) =>
    Array.from({ length: pairs }, () => `Q: ${sentence(6, 10).replace(/\.$/, '?')}\nA: ${paragraph(2)}`).join('\n\n');
  if (type === 'faq') {
    body.length = 0;
    body.push(faq(Math.max(4, Math.round(target / 45))));
  } else {
    const sections = REQUIRED_SECTIONS[type];
    const perSection = Math.max(1, Math.round((target - 120) / 14 / (sections.length + 1) / 2));
    for (const section of sections) {
      body.push(`## ${section.heading}`);
      if (section.numbered) {
        body.push(Array.from({ length: 4 }, (_, n) => `${n + 1}. ${sentence()}`).join('\n'));
        body.push(styled(paragraph(perSection)), ...extras());
      } else if (section.template) {
        body.push('```yaml\nservice:\n  name: example\n  replicas: 3\n  timeout_ms: 2000\n```');
        body.push(paragraph(perSection));
      } else {
        body.push(styled(paragraph(perSection)));
        body.push(`- ${sentence(4, 8)}\n- ${sentence(4, 8)}\n- ${sentence(4, 8)}`);
        body.push(styled(paragraph(perSection)), ...extras());
      }
    }
    body.push('## FAQ', faq(2));
  }
  return `${header.join('\n')}\n\n${body.join('\n\n')}\n`;
}

/** Writes the corpus (replacing `dir`). */
export function generateCorpus(options: CorpusOptions): void {
  rmSync(options.dir, { recursive: true, force: true });
  for (const type of ATOM_TYPES) mkdirSync(path.join(options.dir, type), { recursive: true });
  for (let i = 0; i < options.count; i++) {
    writeFileSync(path.join(options.dir, corpusPath(i)), corpusAtom(i, options.count, options.seed ?? 1));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir || !count || !/^\d+$/.test(count)) {
    process.stderr.write('usage: tsx tooling/bench/generate-corpus.ts <dir> <count> [seed]\n');
    process.exitCode = 2;
  } else {
    generateCorpus({ dir, count: Number(count), seed: seed ? Number(seed) : 1 });
    process.stdout.write(`wrote ${count} atoms to ${dir}\n`);
  }
}
