/** Every GitHub workflow: Node.js 24, bounded run time, and a Tests workflow that runs `npm test` on pull requests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string | number>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { name?: string; 'timeout-minutes'?: number; steps: Step[] }>;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = path.join(ROOT, '.github/workflows');
const workflows = readdirSync(DIR)
  .filter((name) => name.endsWith('.yml'))
  .map((name) => ({ name, workflow: parse(readFileSync(path.join(DIR, name), 'utf8')) as Workflow }));

/** The oldest major of each action that runs on GitHub's Node.js 24 action runtime. */
const NODE24_MAJORS: Record<string, number> = {
  'actions/checkout': 6,
  'actions/setup-node': 6,
  'actions/cache': 5,
  'actions/upload-artifact': 6,
  'actions/configure-pages': 6,
  'actions/upload-pages-artifact': 5,
  'actions/deploy-pages': 5,
};

describe.each(workflows)('.github/workflows/$name', ({ workflow }) => {
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((job) => job.steps);

  test('bounds every job with timeout-minutes', () => {
    for (const job of jobs) expect(job['timeout-minutes'], job.name).toBeGreaterThan(0);
  });

  test('uses actions at majors that run on Node.js 24', () => {
    for (const step of steps.filter((s) => s.uses)) {
      const [action, ref] = step.uses!.split('@') as [string, string];
      expect(NODE24_MAJORS, `${action} is not a known action`).toHaveProperty(action);
      expect(Number(/^v(\d+)/.exec(ref)?.[1]), step.uses).toBeGreaterThanOrEqual(NODE24_MAJORS[action]!);
    }
  });

  test('sets up Node.js 24 wherever it sets up Node.js', () => {
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))) expect(String(step.with?.['node-version'])).toBe('24');
  });
});

describe('.github/workflows/tests.yml', () => {
  const tests = workflows.find(({ name }) => name === 'tests.yml')!.workflow;
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  test("runs the README's test command on every pull request and on main", () => {
    expect(tests.on).toHaveProperty('pull_request');
    expect((tests.on.push as { branches: string[] }).branches).toContain('main');
    expect(readme).toMatch(/^npm test\b/m);
    const steps = Object.values(tests.jobs).flatMap((job) => job.steps);
    expect(steps.map((step) => step.run)).toEqual(expect.arrayContaining(['npm test']));
  });
});
