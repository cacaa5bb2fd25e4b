import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { packageFile } from '../package/files.js';
import type { PackageManager } from './package-manager.js';
import { adaptWorkflow } from './workflows.js';

const template = (name: string) => readFileSync(packageFile('tooling', 'templates', 'init', '.github', 'workflows', name), 'utf8');
const npm: PackageManager = { name: 'npm' };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
const stepsOf = (text: string, job: string) => (parse(text).jobs[job].steps as Step[]).map((step) => step);
const names = (steps: readonly Step[]) => steps.map((step) => step.name);

describe('adaptWorkflow', () => {
  test('an npm knowledge base at the root of its repository gets the workflows as they ship', () => {
    for (const name of ['atoms.yml', 'index.yml', 'site.yml']) expect(adaptWorkflow(template(name), { manager: npm })).toBe(template(name));
  });

  test("in a folder, the index workflow runs there and keeps that folder's index as its artifact; the rest of it reads as before", () => {
    const text = template('index.yml');
    const moved = adaptWorkflow(text, { folder: 'docs/kb', manager: npm });
    const workflow = parse(moved);
    expect(workflow.defaults).toEqual({ run: { 'working-directory': 'docs/kb' } });
    const steps = stepsOf(moved, 'index');
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toEqual({ 'node-version': 24, cache: 'npm', 'cache-dependency-path': 'docs/kb/package-lock.json' });
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ path: 'docs/kb/.atomkit/index/' });
    // Comments, flow lists, block scripts and blank lines stay: only the three changes are new lines.
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

  test('with pnpm, pnpm is set up before Node.js (whose cache needs it), installs from its lockfile and runs atomkit', () => {
    const steps = stepsOf(adaptWorkflow(template('atoms.yml'), { manager: { name: 'pnpm', version: '12.25.1' } }), 'lint');
    expect(names(steps).slice(0, 4)).toEqual(['Check out', 'Set up pnpm', 'Set up Node.js', 'Install']);
    expect(steps[1]).toEqual({ name: 'Set up pnpm', uses: 'pnpm/action-setup@v6', with: { version: '12' } });
    expect(steps[2]!.with).toEqual({ 'node-version': 24, cache: 'pnpm' });
    expect(steps[3]!.run).toBe('pnpm install --frozen-lockfile');
    expect(steps.filter((step) => step.run?.includes('atomkit')).map((step) => step.run!.split(' ').slice(0, 3).join(' '))).toEqual(['pnpm exec atomkit', 'pnpm exec atomkit']);
  });

  test("pnpm named in a folder's package.json is read from there, with no second version beside it", () => {
    const manager = { name: 'pnpm', version: '10.4.0', declaredIn: '/repo/kb/package.json' } as const;
    const steps = stepsOf(adaptWorkflow(template('index.yml'), { folder: 'kb', manager, packageManagerFile: 'kb/package.json' }), 'index');
    expect(steps[1]).toEqual({ name: 'Set up pnpm', uses: 'pnpm/action-setup@v6', with: { package_json_file: 'kb/package.json' } });
    expect(steps[2]!.with).toMatchObject({ cache: 'pnpm', 'cache-dependency-path': 'kb/pnpm-lock.yaml' });
  });

  test('with Yarn, Corepack is enabled after Node.js is set up, and Yarn installs and runs atomkit', () => {
    const steps = stepsOf(adaptWorkflow(template('site.yml'), { manager: { name: 'yarn' } }), 'build');
    expect(names(steps).slice(0, 4)).toEqual(['Check out', 'Set up Node.js', 'Enable Corepack', 'Install']);
    expect(steps[1]!.with).toEqual({ 'node-version': 24 });
    expect(steps[3]!.run).toBe('yarn install --frozen-lockfile');
    expect(steps.find((step) => step.name === 'Build site')?.run).toBe('yarn atomkit site build --out site/dist');
    // The block script that works out the site's base path is still a block script.
    expect(adaptWorkflow(template('site.yml'), { manager: { name: 'yarn' } })).toContain('        run: |\n          if [ "${{ github.event_name }}" = pull_request ]; then');
  });

  test('with Bun, Bun is set up after Node.js and installs from its lockfile', () => {
    const steps = stepsOf(adaptWorkflow(template('index.yml'), { manager: { name: 'bun' } }), 'index');
    expect(names(steps).slice(0, 4)).toEqual(['Check out', 'Set up Node.js', 'Set up Bun', 'Install']);
    expect(steps[3]!.run).toBe('bun install --frozen-lockfile');
  });

  test('paths that do not start in the workspace are left as they are', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: actions/cache@v5\n        with:\n          path: ~/.npm\n      - uses: actions/upload-artifact@v7\n        with:\n          path: ${{ runner.temp }}/out\n';
    const steps = stepsOf(adaptWorkflow(text, { folder: 'kb', manager: npm }), 'a');
    expect(steps.map((step) => step.with!.path)).toEqual(['~/.npm', '${{ runner.temp }}/out']);
  });

  test('a document that is no mapping is refused', () => {
    expect(() => adaptWorkflow('- a\n', { folder: 'kb', manager: npm })).toThrow('Expected a workflow');
  });
});
