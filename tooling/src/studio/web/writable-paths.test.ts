import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { knowledgeFile } from './writable-paths.js';

const root = mkdtempSync(path.join(tmpdir(), 'atomkit-writable-'));
const outside = mkdtempSync(path.join(tmpdir(), 'atomkit-outside-'));
mkdirSync(path.join(root, 'atoms', 'procedure'), { recursive: true });
mkdirSync(path.join(root, 'interviews'));
symlinkSync(outside, path.join(root, 'atoms', 'escape'));
writeFileSync(path.join(outside, 'target.md'), 'x');
symlinkSync(path.join(outside, 'target.md'), path.join(root, 'atoms', 'procedure', 'linked.md'));
const config = loadConfig({ cwd: root });
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('knowledgeFile', () => {
  test.each(['atoms/procedure/new.md', 'atoms/new-folder/deeper/new.md'])('allows %s in the atoms folder', (rel) => {
    expect(knowledgeFile(config, rel, 'atoms')).toBe(path.join(root, rel));
  });

  test.each([
    ['atoms/../package.md', 'is outside the folder'],
    ['../elsewhere.md', 'is outside the folder'],
    [path.join(outside, 'x.md'), 'is outside the folder'],
    ['atoms', 'is not a Markdown file'],
    ['atoms/procedure/x.json', 'is not a Markdown file'],
    ['interviews/operator.md', 'is outside the folder'],
    ['atoms/escape/x.md', 'leads out of the folder through a link'],
    ['atoms/procedure/linked.md', 'leads out of the folder through a link'],
    ['atoms/procedure/nul\0.md', 'is not a path'],
  ])('refuses %s: it %s', (rel, why) => {
    expect(() => knowledgeFile(config, rel, 'atoms')).toThrow(why);
  });

  test('allows transcripts only in the interviews folder', () => {
    expect(knowledgeFile(config, 'interviews/operator.md', 'interviews')).toBe(path.join(root, 'interviews', 'operator.md'));
    expect(() => knowledgeFile(config, 'atoms/procedure/x.md', 'interviews')).toThrow('is outside the folder');
  });
});
