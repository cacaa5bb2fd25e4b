/** Builds atoms and runs rules in tests: a valid header and body to vary one thing at a time. */
import { atomFromText, type Atom } from '../atom/load.js';
import { factsOfAtom, toEntry } from './corpus.js';
import { lintAtom, lintCorpus, type EngineSettings } from './engine.js';
import { RULE_CODES, RULE_METAS } from './registry.js';
import type { Diagnostic } from './types.js';

export const settings: EngineSettings = {
  severities: new Map(RULE_CODES.map((code) => [code, RULE_METAS.get(code)!.defaultSeverity])),
  rule: { minWords: 400, maxWords: 800, languages: { ja: { minWords: 540, maxWords: 1080 } }, defaultLanguage: 'en' },
  docs: { base: '/', url: 'https://atomkit.dev' },
};

export const filler = (words: number) => Array.from({ length: words }, (_, i) => (i % 12 === 11 ? 'word.' : 'word')).join(' ');

/** A header; `fields` replace or add lines (`undefined` removes one). */
export function header(fields: Record<string, string | undefined> = {}): string {
  const base: Record<string, string | undefined> = {
    title: 'Restart the queue worker',
    summary: 'How to restart the queue worker safely.',
    type: 'procedure',
    author: 'ops',
    created: '2025-01-31',
    version: '1.0.0',
    tags: '[queue]',
    related: '[]',
    ...fields,
  };
  return `---\n${Object.entries(base)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n`;
}

export const procedureBody = `\n${filler(100)}\n\n## Prerequisites\n\n${filler(100)}\n\n## Steps\n\n1. Drain it.\n2. Restart it.\n\n${filler(100)}\n\n## Verify\n\n${filler(150)}\n`;

export function atom(text: string, file = 'procedure/x.md'): Atom {
  return atomFromText(`/kb/atoms/${file}`, text, { root: '/kb/atoms' });
}

/** `code line:column` of what the rules report on one file, for one code. */
export function findings(text: string, code: string): string[] {
  return lintAtom(atom(text), 'atoms/procedure/x.md', settings)
    .filter((d) => d.code === code)
    .map((d) => `${d.code} ${d.start.line}:${d.start.column}`);
}

/** Corpus findings for several files (`[path, text]`). */
export function corpusFindings(files: readonly (readonly [string, string])[], code: string): string[] {
  const entries = files.map(([file, text]) => toEntry(factsOfAtom(atom(text, file), `atoms/${file}`, 'en')));
  return lintCorpus(entries, settings)
    .map((f) => f.diagnostic)
    .filter((d: Diagnostic) => d.code === code)
    .map((d) => `${d.file} ${d.start.line}:${d.start.column}`);
}
