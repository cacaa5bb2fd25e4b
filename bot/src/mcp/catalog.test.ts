import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../../tooling/src/config/load.js';
import { FIXTURE_ATOMS } from '../../test/harness.js';
import { AtomCatalog, CursorError } from './catalog.js';

const dir = mkdtempSync(path.join(tmpdir(), 'atomkit-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bot fixture atoms, plus a draft and a file whose header is not valid. */
function catalog(site: Record<string, unknown> = { url: 'https://docs.example.org', base: '/kb' }): AtomCatalog {
  const atoms = path.join(dir, 'atoms');
  cpSync(FIXTURE_ATOMS, atoms, { recursive: true });
  const lint = readFileSync(path.join(atoms, 'procedure/run-lint-locally.md'), 'utf8');
  writeFileSync(path.join(atoms, 'procedure/draft-copy.md'), lint.replace('title: Run lint locally', 'title: Draft copy\nstatus: draft'));
  writeFileSync(path.join(atoms, 'procedure/no-header.md'), '# Just a heading\n');
  const file = path.join(dir, 'atomkit.config.yaml');
  writeFileSync(file, stringify({ atoms: { dir: 'atoms' }, site }));
  return new AtomCatalog(loadConfig({ file, cwd: dir, env: {} }));
}

describe(AtomCatalog, () => {
  test('holds the published atoms only, as the index does: no drafts, no invalid headers', () => {
    const ids = catalog().list({ limit: 100 }).atoms.map((atom) => atom.id);
    expect(ids).toContain('procedure/run-lint-locally');
    expect(ids).not.toContain('procedure/draft-copy');
    expect(ids).not.toContain('procedure/no-header');
  });

  test('puts page URLs on the configured origin and base path', () => {
    expect(catalog().get('procedure/run-lint-locally')?.url).toBe('https://docs.example.org/kb/procedure/run-lint-locally/');
  });

  test('finds an atom by id, by absolute page URL with a section, and by site path', () => {
    const atoms = catalog();
    for (const key of ['procedure/run-lint-locally', '/procedure/run-lint-locally/', 'https://docs.example.org/kb/procedure/run-lint-locally/#steps', '/kb/procedure/run-lint-locally/?x=1']) {
      expect(atoms.get(key)?.id, key).toBe('procedure/run-lint-locally');
    }
    expect(atoms.get('procedure/draft-copy')).toBeUndefined();
    expect(atoms.get('http://[::1')).toBeUndefined();
  });

  test('splits the body from the header, and links related titles to the published atoms', () => {
    const atom = catalog().get('error/frontmatter-schema')!;
    expect(atom.body.startsWith('## What it means\n')).toBe(true);
    expect(atom.markdown.endsWith(atom.body)).toBe(true);
    expect(atom.markdown.slice(0, -atom.body.length)).toMatch(/^---\ntitle: Frontmatter schema error\n[\s\S]*\n---\n+$/);
    expect(atom.related).toEqual([{ title: 'Run lint locally', id: 'procedure/run-lint-locally', url: 'https://docs.example.org/kb/procedure/run-lint-locally/' }]);
  });

  test('pages with cursors that cover every atom once, and refuses a cursor it did not make', () => {
    const atoms = catalog();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = atoms.list({ limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.atoms.map((atom) => atom.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(atoms.list({ limit: 100 }).atoms.map((atom) => atom.id));
    expect(new Set(seen).size).toBe(seen.length);
    for (const forged of ['', 'abc', Buffer.from('atoms:-1').toString('base64url'), Buffer.from('atoms:99999999999').toString('base64url')]) {
      expect(() => atoms.list({ limit: 4, cursor: forged }), forged).toThrow(CursorError);
    }
  });
});
