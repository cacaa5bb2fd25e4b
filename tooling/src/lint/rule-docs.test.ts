// Every rule code is documented by an error atom, so every diagnostic's docs link is a real page.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadAtoms } from '../atom/load.js';
import { ruleDocId } from '../atom/identity.js';
import { RULE_CODES } from './registry.js';
import { MARKDOWN_RULE_NAMES } from './rules/markdown.js';

const atomsDir = fileURLToPath(new URL('../../../atoms', import.meta.url));
const atoms = existsSync(atomsDir) ? loadAtoms({ root: atomsDir }) : [];
const documented = new Set(atoms.flatMap((atom) => atom.header?.error_codes ?? []));

describe('rule documentation', () => {
  test.each(RULE_CODES.filter((code) => !code.startsWith('markdown/')))('%s has an error atom listing it in error_codes', (code) => {
    const page = atoms.find((atom) => atom.id === ruleDocId(code));
    expect(page, `atoms/${ruleDocId(code)}.md`).toBeDefined();
    expect(documented.has(code)).toBe(true);
  });

  test('atoms/error/markdown-style.md has a heading for each Markdown style rule', () => {
    const file = path.join(atomsDir, 'error/markdown-style.md');
    const headings = existsSync(file) ? [...readFileSync(file, 'utf8').matchAll(/^#{2,3}\s+`?([a-z-]+)`?\s*$/gm)].map((m) => m[1]) : [];
    expect(MARKDOWN_RULE_NAMES.filter((name) => !headings.includes(name))).toEqual([]);
  });
});
