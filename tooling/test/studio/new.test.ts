import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runLint } from '../../src/lint/run.js';
import { loadConfig } from '../../src/config/load.js';
import { atomText, makeProject, run } from './helpers.js';

describe('atomkit new', () => {
  test('writes a draft from the type template, named by the title slug, that lints without errors', async () => {
    const dir = makeProject();
    const result = await run(dir, 'new', 'procedure', 'Rotate the API key!');
    expect(result).toMatchObject({ code: 0, out: 'atoms/procedure/rotate-the-api-key.md\n' });
    const text = readFileSync(path.join(dir, 'atoms/procedure/rotate-the-api-key.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: Rotate the API key!\n/);
    expect(text).toContain('version: "0.1.0"');
    expect(text).toMatch(/created: "\d{4}-\d{2}-\d{2}"/);
    expect(text).toContain('status: draft');
    expect(text).toContain('## Steps\n\n1. Numbered steps, one action each.');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('every type gets a template without lint errors', async () => {
    const dir = makeProject();
    for (const type of ['error', 'procedure', 'playbook', 'interface-input', 'troubleshooting', 'config-template', 'pitfall', 'faq']) {
      expect((await run(dir, 'new', type, `A ${type} page`)).code).toBe(0);
    }
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('an unedited new atom gets a content/template-prompt warning for every prompt it still holds', async () => {
    const dir = makeProject();
    await run(dir, 'new', 'error', 'Store moved');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    const prompts = lint.diagnostics.filter((d) => d.code === 'content/template-prompt');
    expect(prompts.map((d) => [d.severity, d.start.line])).toEqual([
      ['warn', 3],
      ['warn', 15],
      ['warn', 19],
      ['warn', 23],
      ['warn', 27],
      ['warn', 27],
    ]);
  });

  test('refuses a title that an atom already has, with exit code 1 and the existing file', async () => {
    const dir = makeProject({ 'atoms/pitfall/old.md': atomText({ title: 'Delete the index while serving', type: 'pitfall' }) });
    const result = await run(dir, 'new', 'procedure', 'Delete the index while serving');
    expect(result.code).toBe(1);
    expect(result.err).toContain('already exists: atoms/pitfall/old.md');
    expect(existsSync(path.join(dir, 'atoms/procedure/delete-the-index-while-serving.md'))).toBe(false);
  });

  test('an unknown type is a usage error that suggests the closest type', async () => {
    const result = await run(makeProject(), 'new', 'proc', 'Something new');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Did you mean `procedure`?');
  });

  test('a title with nothing to name a file after is refused', async () => {
    const result = await run(makeProject(), 'new', 'faq', '!!!');
    expect(result.code).toBe(2);
    expect(result.err).toContain('no letters or digits');
  });
});
