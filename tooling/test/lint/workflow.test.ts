import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/generated/config.schema.js';

interface Step {
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
const workflow = parse(readFileSync(fileURLToPath(new URL('../../../.github/workflows/atoms.yml', import.meta.url)), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { name?: string; steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('.github/workflows/atoms.yml', () => {
  test('runs on pull requests and on pushes to main', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect((workflow.on.push as { branches: string[] }).branches).toContain('main');
  });

  test('lints only changed atoms with GitHub annotations on pull requests', () => {
    const step = steps.find((s) => s.if?.includes("github.event_name == 'pull_request'"));
    expect(step?.run).toMatch(/atomkit lint --changed\b.*--format github/);
  });

  test('lints every atom on pushes to main, reusing the lint cache of the last run', () => {
    const pushSteps = steps.filter((s) => s.if?.includes("github.event_name == 'push'"));
    const lint = pushSteps.find((s) => s.run?.includes('atomkit lint'));
    expect(lint?.run).toMatch(/atomkit lint\b.*--cache/);
    expect(lint?.run).not.toContain('--changed');
    const restore = pushSteps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(pushSteps.indexOf(restore!)).toBeLessThan(pushSteps.indexOf(lint!));
    expect(restore?.with?.path).toBe(configSchema.properties.lint.properties.cacheFile.default);
  });

  test('installs with npm ci and names its job for what it guards', () => {
    expect(steps.some((s) => s.run?.startsWith('npm ci'))).toBe(true);
    expect(Object.values(workflow.jobs).map((job) => job.name)).toContain('Lint atoms');
  });
});
