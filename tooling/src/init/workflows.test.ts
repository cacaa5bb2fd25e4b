import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { packageFile } from '../package/files.js';
import { inFolder } from './workflows.js';

const template = (name: string) => readFileSync(packageFile('tooling', 'templates', 'init', '.github', 'workflows', name), 'utf8');

describe('inFolder', () => {
  test("the index workflow runs in the folder and keeps that folder's index as its artifact; the rest of it reads as before", () => {
    const text = template('index.yml');
    const moved = inFolder(text, 'docs/kb');
    const workflow = parse(moved);
    expect(workflow.defaults).toEqual({ run: { 'working-directory': 'docs/kb' } });
    const steps = workflow.jobs.index.steps as { uses?: string; with?: Record<string, unknown> }[];
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': 24, cache: 'npm', 'cache-dependency-path': 'docs/kb/package-lock.json' });
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ path: 'docs/kb/.atomkit/index/' });
    // Comments, flow lists and blank lines stay: only the three changes are new lines.
    const added = moved.split('\n').filter((line) => !text.split('\n').includes(line));
    expect(added).toEqual([
      '# The knowledge base is in docs/kb/: every run step starts there.',
      'defaults:',
      '  run:',
      '    working-directory: docs/kb',
      '          cache-dependency-path: docs/kb/package-lock.json',
      '          path: docs/kb/.atomkit/index/',
    ]);
  });

  test('paths that do not start in the workspace are left as they are', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: actions/cache@v5\n        with:\n          path: ~/.npm\n      - uses: actions/upload-artifact@v7\n        with:\n          path: ${{ runner.temp }}/out\n';
    const steps = parse(inFolder(text, 'kb')).jobs.a.steps as { with: { path: string } }[];
    expect(steps.map((step) => step.with.path)).toEqual(['~/.npm', '${{ runner.temp }}/out']);
  });

  test('a document that is no mapping is refused', () => {
    expect(() => inFolder('- a\n', 'kb')).toThrow('Expected a workflow');
  });
});
