/**
 * The GitLab CI/CD jobs `atomkit init` writes, run as a GitLab runner runs them: the job's
 * `before_script` and `script` in one shell from the repository's root, with the variables GitLab
 * sets, against a knowledge base in a folder of a repository whose own pipeline was there first.
 * The install step is left out: atomkit is linked into the knowledge base instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const CHECKOUT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(CHECKOUT, 'bin', 'atomkit.js');
const THEIR_PIPELINE = "# The platform's own pipeline.\nstages:\n  - build\n\nbuild:\n  stage: build\n  script:\n    - make\n";

let repo: string;
let kb: string;
let jobs: Record<string, { script?: string[]; before_script?: string[]; artifacts?: { paths?: string[]; reports?: { codequality?: string } } }>;

const git = (...args: string[]) => {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};

/** Runs a job's scripts as the runner would, in bash from the repository's root, without the install. */
function runJob(name: string, variables: Record<string, string> = {}) {
  const setup = (jobs['.atomkit']!.before_script ?? []).filter((command) => command.startsWith('cd '));
  const script = [...setup, ...jobs[name]!.script!].join('\n');
  return spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: 'true', CI_PROJECT_DIR: repo, ...variables } });
}

beforeAll(() => {
  // Beside the checkout: Astro compiles atomkit's components only from a folder the project shares.
  const scratch = path.join(CHECKOUT, '.atomkit', 'scratch');
  mkdirSync(scratch, { recursive: true });
  repo = mkdtempSync(path.join(scratch, 'gitlab-'));
  git('init', '--quiet', '--initial-branch', 'main');
  git('config', 'user.email', 'ci@example.org');
  git('config', 'user.name', 'CI');
  writeFileSync(path.join(repo, '.gitlab-ci.yml'), THEIR_PIPELINE);
  const init = spawnSync(process.execPath, [BIN, 'init', 'docs/kb', '--yes', '--repo', 'https://gitlab.com/acme/platform'], { cwd: repo, encoding: 'utf8', env: { ...process.env, npm_config_user_agent: '' } });
  if (init.status !== 0) throw new Error(init.stderr);
  kb = path.join(repo, 'docs', 'kb');
  jobs = parse(readFileSync(path.join(kb, 'atomkit.gitlab-ci.yml'), 'utf8'));
  mkdirSync(path.join(kb, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(CHECKOUT, path.join(kb, 'node_modules', 'atomkit'), 'junction');
  symlinkSync('../atomkit/bin/atomkit.js', path.join(kb, 'node_modules', '.bin', 'atomkit'));
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Knowledge base');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('GitLab CI/CD from atomkit init, in a folder of a repository with a pipeline of its own', () => {
  test("the repository's pipeline keeps its jobs and comments, and includes atomkit's with the stages they need", () => {
    const text = readFileSync(path.join(repo, '.gitlab-ci.yml'), 'utf8');
    expect(text.startsWith("# The platform's own pipeline.")).toBe(true);
    expect(parse(text)).toEqual({
      stages: ['build', 'test', 'deploy'],
      build: { stage: 'build', script: ['make'] },
      include: [{ local: 'docs/kb/atomkit.gitlab-ci.yml' }],
    });
    expect(Object.keys(jobs)).toEqual(['.atomkit', 'atoms:lint', 'atoms:site', 'pages', 'atoms:index']);
  });

  test('atoms:lint on a merge request reports the atoms it changed in the Code Quality report, by their path in the repository, and in the log', () => {
    const base = git('rev-parse', 'HEAD');
    git('switch', '--quiet', '-c', 'undated');
    const atoms = path.join(kb, 'atoms', 'procedure');
    const file = readdirSync(atoms)[0]!;
    const text = readFileSync(path.join(atoms, file), 'utf8');
    writeFileSync(path.join(atoms, file), text.replace(/^created: .*$/m, 'created: last tuesday'));
    git('commit', '--quiet', '-am', 'An undated atom');
    try {
      const run = runJob('atoms:lint', { CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
      expect(run.status).toBe(1);
      const report = JSON.parse(readFileSync(path.join(repo, jobs['atoms:lint']!.artifacts!.reports!.codequality!), 'utf8')) as { check_name: string; location: { path: string } }[];
      expect(report.map((issue) => `${issue.location.path} ${issue.check_name}`)).toEqual([`docs/kb/atoms/procedure/${file} frontmatter/schema`]);
      expect(run.stdout).toContain(`atoms/procedure/${file}:`);
      expect(run.stdout).toMatch(/1 error/);
    } finally {
      git('switch', '--quiet', 'main');
    }
  }, 120_000);

  test('atoms:lint on the default branch lints every atom and passes when they are clean', () => {
    const run = runJob('atoms:lint');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo, 'gl-code-quality-report.json'), 'utf8'))).toEqual([]);
  }, 120_000);

  test('pages publishes the site at the address GitLab gives it, and atoms:index keeps the index where its artifact looks', () => {
    const pages = runJob('pages', { CI_PAGES_URL: 'https://acme.gitlab.io/platform' });
    expect(pages.status, pages.stderr).toBe(0);
    const home = readFileSync(path.join(repo, 'public', 'index.html'), 'utf8');
    expect(home).toMatch(/href="\/platform\/procedure\//);
    expect(home).toContain('https://acme.gitlab.io/platform/');

    const index = runJob('atoms:index');
    expect(index.status, index.stderr).toBe(0);
    expect(existsSync(path.join(repo, jobs['atoms:index']!.artifacts!.paths![0]!, 'manifest.json'))).toBe(true);
  }, 300_000);
});
