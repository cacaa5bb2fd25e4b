import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { gitlabPipeline, hasPagesJob, includePipeline } from './gitlab.js';

interface Job {
  script?: string[];
  before_script?: string[];
  cache?: { key: { files: string[] }; paths: string[] };
  artifacts?: { paths?: string[] };
  rules?: { if: string }[];
}
const jobsOf = (text: string) => parse(text) as Record<string, Job>;

describe('gitlabPipeline', () => {
  test('installs with npm at the root, caching its downloads by the lockfile', () => {
    const jobs = jobsOf(gitlabPipeline({ manager: { name: 'npm' } }));
    expect(jobs['.atomkit']).toMatchObject({ cache: { key: { files: ['package-lock.json'] }, paths: ['.npm/'] }, before_script: ['npm ci --cache .npm --prefer-offline --no-audit --no-fund'] });
    expect(jobs['atoms:index']!.script).toEqual(['npx atomkit index']);
  });

  test('in a folder, starts there and names its paths from the root; pnpm is installed at the version the repository names', () => {
    const jobs = jobsOf(gitlabPipeline({ folder: 'docs/my kb', lockfile: 'pnpm-lock.yaml', manager: { name: 'pnpm', version: '10.12.1' } }));
    expect(jobs['.atomkit']!.before_script).toEqual(["cd 'docs/my kb'", 'npm install --global --no-audit --no-fund pnpm@10.12.1', 'pnpm config set store-dir .pnpm-store', 'pnpm install --frozen-lockfile']);
    expect(jobs['.atomkit']!.cache).toEqual({ key: { files: ['pnpm-lock.yaml'] }, paths: ['docs/my kb/.pnpm-store/'] });
    expect(jobs['atoms:index']!.artifacts!.paths).toEqual(['docs/my kb/.atomkit/index/']);
    expect(jobs['pages']!.script!.join('\n')).toContain('pnpm exec atomkit site build --out "$CI_PROJECT_DIR/public"');
  });

  test('Yarn comes from Corepack and Bun from npm, with nothing cached', () => {
    const yarn = jobsOf(gitlabPipeline({ manager: { name: 'yarn' } }))['.atomkit']!;
    expect(yarn.before_script).toEqual(['corepack enable', 'yarn install --frozen-lockfile']);
    expect(yarn.cache).toBeUndefined();
    const bun = jobsOf(gitlabPipeline({ manager: { name: 'bun' } }));
    expect(bun['.atomkit']!.before_script).toEqual(['npm install --global --no-audit --no-fund bun', 'bun install --frozen-lockfile']);
    expect(bun['atoms:index']!.script).toEqual(['bunx atomkit index']);
  });

  test('without Pages, builds the site on the default branch too and keeps it as an artifact', () => {
    const jobs = jobsOf(gitlabPipeline({ manager: { name: 'npm' }, pages: false }));
    expect(jobs).not.toHaveProperty('pages');
    expect(jobs['atoms:site']!.artifacts!.paths).toEqual(['site/dist/']);
    expect(jobs['atoms:site']!.rules!.map((rule) => rule.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
  });
});

describe('includePipeline', () => {
  test('writes a pipeline that only includes the jobs where there was none', () => {
    const merged = includePipeline(undefined, 'atomkit.gitlab-ci.yml', '.gitlab-ci.yml');
    expect(parse(merged.content)).toEqual({ include: [{ local: 'atomkit.gitlab-ci.yml' }] });
    expect(merged.added).toEqual(['include atomkit.gitlab-ci.yml']);
  });

  test.each([
    ['a string', 'include: ci/lint.yml\n', ['ci/lint.yml', { local: 'kb/atomkit.gitlab-ci.yml' }]],
    ['a list', 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\n', [{ template: 'Jobs/SAST.gitlab-ci.yml' }, { local: 'kb/atomkit.gitlab-ci.yml' }]],
    ['a mapping', 'include:\n  project: acme/ci\n  file: node.yml\n', [{ project: 'acme/ci', file: 'node.yml' }, { local: 'kb/atomkit.gitlab-ci.yml' }]],
  ])('adds the jobs to an include that is %s', (_form, theirs, expected) => {
    expect(parse(includePipeline(theirs, 'kb/atomkit.gitlab-ci.yml', '.gitlab-ci.yml').content).include).toEqual(expected);
  });

  test('leaves a pipeline that already includes the jobs as it is', () => {
    const theirs = '# ours\ninclude:\n  - local: /kb/atomkit.gitlab-ci.yml\nstages: [test, deploy]\n';
    expect(includePipeline(theirs, 'kb/atomkit.gitlab-ci.yml', '.gitlab-ci.yml')).toEqual({ content: theirs, added: [], kept: [] });
  });

  test('refuses a pipeline that is not a mapping, naming the file', () => {
    expect(() => includePipeline('- just\n- a list\n', 'kb/atomkit.gitlab-ci.yml', 'repo/.gitlab-ci.yml')).toThrow('repo/.gitlab-ci.yml: expected a mapping of jobs and settings at the top. Nothing was written.');
  });
});

test('hasPagesJob finds a top-level pages job only', () => {
  expect(hasPagesJob('pages:\n  script: [make]\n')).toBe(true);
  expect(hasPagesJob('build:\n  script: [make pages]\n')).toBe(false);
  expect(hasPagesJob(undefined)).toBe(false);
});
