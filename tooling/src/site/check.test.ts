import { describe, expect, test } from 'vitest';
import { atomFromText, type Atom } from '../atom/load.js';
import { AtomCheckError, checkAtoms, formatDiagnostic } from './check.js';

const options = { root: '/repo', docsUrl: 'https://example.org/', defaultLanguage: 'en' };
const atom = (rel: string, header: string, body = '\n## What it means\n\nText.\n'): Atom =>
  atomFromText(`/repo/atoms/${rel}`, `---\n${header}\n---\n${body}`, { root: '/repo/atoms' });
const valid = (title: string, extra = '') =>
  `title: ${title}\nsummary: A summary long enough.\ntype: error\nauthor: t\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [a]\nrelated: []${extra}`;

describe('checkAtoms', () => {
  test('passes a valid corpus and ignores style and size findings', () => {
    expect(checkAtoms([atom('error/a.md', valid('Alpha')), atom('error/b.md', valid('Beta'), '\nno sections at all\n')], options)).toEqual([]);
  });

  test('reports an unresolved related title at its line, with the closest title', () => {
    const diagnostics = checkAtoms([atom('error/a.md', valid('Alpha').replace('related: []', 'related:\n  - Betta')), atom('error/b.md', valid('Beta'))], options);
    expect(diagnostics.map((d) => [d.code, d.file, d.start.line, d.start.column])).toEqual([['related/unresolved', 'atoms/error/a.md', 10, 5]]);
    expect(diagnostics[0]!.message).toContain('did you mean `Beta`');
  });

  test('reports schema errors at the field, duplicate titles and reserved URLs', () => {
    const diagnostics = checkAtoms(
      [atom('error/a.md', `${valid('Alpha')}\ntitel: x`), atom('error/b.md', valid('Alpha')), atom('tags/c.md', valid('Gamma'))],
      options,
    );
    expect(diagnostics.map((d) => `${d.file}:${d.start.line} ${d.code}`)).toEqual([
      'atoms/error/a.md:2 title/duplicate',
      'atoms/error/a.md:10 frontmatter/schema',
      'atoms/error/b.md:2 title/duplicate',
      'atoms/tags/c.md:1 slug/reserved',
    ]);
  });

  test('reports hostile files instead of throwing', () => {
    const files = [
      atomFromText('/repo/atoms/error/empty.md', '', { root: '/repo/atoms' }),
      atomFromText('/repo/atoms/error/open.md', '---\ntitle: x\n', { root: '/repo/atoms' }),
      atomFromText('/repo/atoms/error/yaml.md', '---\ntitle: [x\n---\n', { root: '/repo/atoms' }),
      atomFromText('/repo/atoms/error/tabs.md', '---\ntitle:\n\t- x\n---\n', { root: '/repo/atoms' }),
    ];
    const diagnostics = checkAtoms(files, options);
    expect(new Set(diagnostics.map((d) => d.file))).toEqual(new Set(files.map((f) => `atoms/${f.relPath}`)));
    for (const d of diagnostics) expect(d.start.line).toBeGreaterThan(0);
  });
});

describe('formatDiagnostic', () => {
  test('prints file:line:col message code, then the hint', () => {
    const [diagnostic] = checkAtoms([atom('error/a.md', `${valid('Alpha')}\ntitel: x`)], options);
    expect(formatDiagnostic(diagnostic!)).toMatch(/^atoms\/error\/a\.md:10:1 Unknown field `titel`; did you mean `title`\? frontmatter\/schema\n {2}Known fields: /);
  });

  test('AtomCheckError carries the lines and a count, no stack in its message', () => {
    const error = new AtomCheckError(checkAtoms([atom('error/a.md', `${valid('Alpha')}\ntitel: x`)], options));
    expect(error.message).toMatch(/frontmatter\/schema[\s\S]*\n\n1 problem in the atoms; the site was not built\.$/);
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});
