import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/atomkit.js', import.meta.url));
const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder under the test's root holding these files. */
function folderWith(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return dir;
}

// Whichever package manager runs the tests, init is run as by npm here.
const init = (args: string[], cwd = root) => spawnSync(process.execPath, [BIN, 'init', ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', npm_config_user_agent: '' } });

describe('atomkit init', () => {
  test('--yes scaffolds a knowledge base named after its folder, with no atomkit branding in its settings', () => {
    const result = init(['acme-platform', '--yes']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('cd acme-platform\n  npm install\n  npm start');
    const kb = path.join(root, 'acme-platform');
    const config = parse(readFileSync(path.join(kb, 'atomkit.config.yaml'), 'utf8'));
    expect(config.site.title).toBe('Acme Platform knowledge base');
    expect(config.bot.support.contact).toBe('the Acme Platform documentation team');
    expect(JSON.stringify(config)).not.toMatch(/atomkit/i);
    const manifest = JSON.parse(readFileSync(path.join(kb, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('acme-platform');
    expect(manifest.scripts).toMatchObject({ start: 'atomkit start', test: 'atomkit lint' });
    expect(Object.keys(manifest.devDependencies)).toEqual(['atomkit']);
  });

  test('answers given as options become the site title, links, contact and languages', () => {
    const result = init(['kb', '--yes', '--name', 'Orders Team', '--repo', 'https://github.com/orders/kb', '--contact', '#orders-help', '--languages', 'en, ja', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { files: string[] };
    expect(report.files).toEqual(expect.arrayContaining(['atomkit.config.yaml', 'package.json']));
    const config = parse(readFileSync(path.join(root, 'kb', 'atomkit.config.yaml'), 'utf8'));
    expect(config).toMatchObject({
      site: { title: 'Orders Team knowledge base', url: 'https://orders.github.io/kb/', repoUrl: 'https://github.com/orders/kb', editUrl: 'https://github.com/orders/kb/edit/main/' },
      atoms: { defaultLanguage: 'en', locales: ['ja'] },
      bot: { support: { contact: '#orders-help', suggestUrl: 'https://github.com/orders/kb/issues/new?labels=atom-request&title={question}' } },
    });
  });

  test('a knowledge base in Japanese is titled in Japanese, and its English examples are marked English and lint clean by English limits', () => {
    const result = init(['tanto', '--yes', '--languages', 'ja']);
    expect(result.status).toBe(0);
    const kb = path.join(root, 'tanto');
    const config = parse(readFileSync(path.join(kb, 'atomkit.config.yaml'), 'utf8'));
    expect([config.site.title, config.bot.support.contact]).toEqual(['Tanto ナレッジベース', 'Tanto のドキュメント担当チーム']);
    const atom = readFileSync(path.join(kb, 'atoms', 'procedure', 'example-deploy-the-orders-service-to-production.md'), 'utf8');
    expect(atom).toMatch(/^---\ntitle: "Example: Deploy the orders service to production"\n[\s\S]*\nlanguage: en\n---\n/);
    expect(readFileSync(path.join(kb, 'interviews', 'example-interview.md'), 'utf8')).toContain('\nlanguage: en\n---\n');
    const lint = spawnSync(process.execPath, [BIN, 'lint'], { cwd: kb, encoding: 'utf8' });
    expect(lint.stdout).toContain('0 errors, 0 warnings');
    expect(lint.status).toBe(0);
  });

  test('refuses to overwrite any file and writes nothing when one is in the way', () => {
    const kb = folderWith('taken', { 'atomkit.config.yaml': 'site:\n  title: Mine\n', 'package.json': '{"name":"mine"}\n' });
    const result = init(['--yes'], kb);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('A file atomkit init would write already exists: atomkit.config.yaml. Nothing was written.');
    expect(readdirSync(kb).sort()).toEqual(['atomkit.config.yaml', 'package.json']);
    expect(readFileSync(path.join(kb, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
  });

  test("in a repository with its own package.json and .gitignore, adds what they lack and keeps everything of theirs", () => {
    const manifest = '{\n    "name": "orders-service",\n    "scripts": {\n        "start": "node server.js",\n        "test": "jest",\n        "build": "tsc"\n    },\n    "devDependencies": {\n        "jest": "^30.0.0",\n        "typescript": "^6.0.0"\n    }\n}\n';
    const repo = folderWith('service', { 'package.json': manifest, '.gitignore': 'node_modules\n/dist\n' });
    const result = init(['--yes'], repo);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("package.json: added the scripts lint, index; added the dev dependency atomkit; kept your `start` script (atomkit's would run `atomkit start`); kept your `test` script (atomkit's would run `atomkit lint`); kept your `build` script (atomkit's would run `atomkit site build`)");
    // Their `start` starts their service: the next steps start atomkit by name.
    expect(result.stdout).toContain('Next:\n  npm install\n  npx atomkit start');
    expect(result.stdout).toContain('.gitignore: added 4 ignore rules (.atomkit/ site/dist/ .astro/ site/.astro/)');
    const merged = readFileSync(path.join(repo, 'package.json'), 'utf8');
    // Their indentation, order and scripts; atomkit's scripts after theirs, its dependency where npm sorts it.
    expect(merged).toMatch(/^\{\n {4}"name": "orders-service",\n {4}"scripts": \{\n {8}"start": "node server.js",\n {8}"test": "jest",\n {8}"build": "tsc",\n {8}"lint": "atomkit lint",/);
    expect(Object.keys(JSON.parse(merged).devDependencies)).toEqual(['atomkit', 'jest', 'typescript']);
    expect(readFileSync(path.join(repo, '.gitignore'), 'utf8')).toMatch(/^node_modules\n\/dist\n\n# .*\n\.atomkit\/\nsite\/dist\/\n\.astro\/\nsite\/\.astro\/\n$/);
    expect(existsSync(path.join(repo, 'atoms', 'error'))).toBe(true);
    // Run again, nothing is left to add, and the files it wrote the first time are in the way.
    const again = init(['--yes'], repo);
    expect(again.status).toBe(1);
    expect(readFileSync(path.join(repo, 'package.json'), 'utf8')).toBe(merged);
  });

  test('a .gitignore that is a symbolic link gains the rules where it points, and stays a link', () => {
    const shared = folderWith('shared-config', { 'gitignore': 'node_modules/\n' });
    const repo = folderWith('linked-ignore', {});
    symlinkSync(path.join(shared, 'gitignore'), path.join(repo, '.gitignore'));
    expect(init(['--yes'], repo).status).toBe(0);
    expect(lstatSync(path.join(repo, '.gitignore')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(shared, 'gitignore'), 'utf8')).toContain('\n.atomkit/\n');
  });

  test('a package.json that is not JSON stops init at its line and column, with nothing written', () => {
    const repo = folderWith('broken', { 'package.json': '{\n  "name": "x",\n}\n' });
    const result = init(['--yes'], repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('package.json:3:1: Expected double-quoted property name. Nothing was written.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(repo)).toEqual(['package.json']);
  });

  test("in a folder of a Git repository, the workflows go to the repository's root, run in the folder, and edit links name it", () => {
    const repo = folderWith('platform', {});
    mkdirSync(path.join(repo, '.git'));
    mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github', 'workflows', 'ci.yml'), 'name: CI\n');
    const result = init(['docs/kb', '--yes', '--repo', 'https://github.com/acme/platform'], repo);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("GitHub workflows atoms.yml, index.yml, site.yml in .github/workflows: the repository's root, where GitHub runs them; they work in docs/kb/");
    expect(readdirSync(path.join(repo, '.github', 'workflows')).sort()).toEqual(['atoms.yml', 'ci.yml', 'index.yml', 'site.yml']);
    expect(readFileSync(path.join(repo, '.github', 'workflows', 'ci.yml'), 'utf8')).toBe('name: CI\n');
    expect(existsSync(path.join(repo, 'docs', 'kb', '.github'))).toBe(false);
    const site = parse(readFileSync(path.join(repo, '.github', 'workflows', 'site.yml'), 'utf8'));
    expect(site.defaults).toEqual({ run: { 'working-directory': 'docs/kb' } });
    const steps = site.jobs.build.steps as { uses?: string; with?: Record<string, string> }[];
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ cache: 'npm', 'cache-dependency-path': 'docs/kb/package-lock.json' });
    expect(steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'docs/kb/site/dist' });
    const config = parse(readFileSync(path.join(repo, 'docs', 'kb', 'atomkit.config.yaml'), 'utf8'));
    expect(config.site.editUrl).toBe('https://github.com/acme/platform/edit/main/docs/kb/');
  });

  test('in a pnpm repository, the workflows install and run with pnpm, and the next steps say pnpm', () => {
    const repo = folderWith('pnpm-repo', { 'package.json': '{\n  "name": "tools",\n  "packageManager": "pnpm@10.4.1"\n}\n', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    const result = init(['--yes'], repo);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Next:\n  pnpm install\n  pnpm start');
    const steps = parse(readFileSync(path.join(repo, '.github', 'workflows', 'atoms.yml'), 'utf8')).jobs.lint.steps as { uses?: string; run?: string }[];
    expect(steps.map((step) => step.uses ?? step.run).slice(1, 4)).toEqual(['pnpm/action-setup@v6', 'actions/setup-node@v7', 'pnpm install --frozen-lockfile']);
  });

  test("a knowledge base made a package of a pnpm workspace keys its workflows' cache by the workspace's lockfile", () => {
    const repo = folderWith('pnpm-monorepo', { 'package.json': '{"name":"mono","private":true,"packageManager":"pnpm@10.4.1"}', 'pnpm-workspace.yaml': "packages: ['docs/*']\n", 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    mkdirSync(path.join(repo, '.git'));
    const result = init(['docs/kb', '--yes'], repo);
    expect(result.status).toBe(0);
    const steps = parse(readFileSync(path.join(repo, '.github', 'workflows', 'index.yml'), 'utf8')).jobs.index.steps as { uses?: string; with?: Record<string, unknown> }[];
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ cache: 'pnpm', 'cache-dependency-path': 'pnpm-lock.yaml' });
    // The version is the one the workspace's package.json names, where the action finds it by default.
    expect(steps.find((step) => step.uses?.startsWith('pnpm/action-setup@'))).not.toHaveProperty('with');
  });

  test('in a repository whose work lands on master, the workflows run and deploy on master and edit links name it', () => {
    const repo = folderWith('on-master', {});
    mkdirSync(path.join(repo, '.git'));
    writeFileSync(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/master\n');
    expect(init(['--yes', '--repo', 'https://github.com/acme/legacy'], repo).status).toBe(0);
    const workflow = (file: string) => parse(readFileSync(path.join(repo, '.github', 'workflows', file), 'utf8'));
    for (const file of ['atoms.yml', 'site.yml', 'index.yml']) expect(workflow(file).on.push.branches, file).toEqual(['master']);
    expect(workflow('site.yml').jobs.deploy.if).toBe("github.event_name != 'pull_request' && github.ref == 'refs/heads/master'");
    expect(parse(readFileSync(path.join(repo, 'atomkit.config.yaml'), 'utf8')).site.editUrl).toBe('https://github.com/acme/legacy/edit/master/');
  });

  test('a repository on Bitbucket gets no CI, and init says so', () => {
    const result = init(['on-bitbucket', '--yes', '--repo', 'https://bitbucket.org/acme/kb']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no CI written: init writes GitHub workflows and GitLab CI/CD only');
    expect(readdirSync(path.join(root, 'on-bitbucket')).filter((file) => /gitlab|github/.test(file))).toEqual([]);
  });

  test('a workflow of the same name in the way says how to go on without CI', () => {
    const repo = folderWith('own-site-workflow', {});
    mkdirSync(path.join(repo, '.git'));
    mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github', 'workflows', 'site.yml'), 'name: Our site\n');
    const result = init(['docs/kb', '--yes'], repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('A file atomkit init would write already exists: .github/workflows/site.yml. Nothing was written.');
    expect(result.stderr).toContain('--ci none');
    expect(existsSync(path.join(repo, 'docs'))).toBe(false);
  });

  test('--ci none leaves CI out, in a folder of a repository too, whose edit links still name the folder', () => {
    const repo = folderWith('gitlab-hosted', {});
    mkdirSync(path.join(repo, '.git'));
    const result = init(['handbook', '--yes', '--ci', 'none', '--repo', 'https://gitlab.com/acme/platform'], repo);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/workflows|GitLab CI/);
    expect(readdirSync(repo).sort()).toEqual(['.git', 'handbook']);
    expect(readdirSync(path.join(repo, 'handbook')).filter((file) => /gitlab|github/.test(file))).toEqual([]);
    const { site } = parse(readFileSync(path.join(repo, 'handbook', 'atomkit.config.yaml'), 'utf8'));
    expect(site.editUrl).toBe('https://gitlab.com/acme/platform/-/edit/main/handbook/');
    // GitLab Pages' address by namespace is the default site URL, as GitHub Pages' is on GitHub.
    expect(site.url).toBe('https://acme.gitlab.io/platform/');
  });

  test('a repository on GitLab gets GitLab CI/CD, not GitHub workflows; a pipeline with its own pages job keeps publishing its site', () => {
    const repo = folderWith('on-gitlab', { '.gitlab-ci.yml': 'pages:\n  script: [make site]\n  artifacts: {paths: [public]}\n' });
    mkdirSync(path.join(repo, '.git'));
    const result = init(['kb', '--yes', '--json'], repo);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { ci: string; files: string[]; merged: Record<string, { added: string[] }> };
    expect(report.ci).toBe('gitlab');
    expect(report.files).toContain('atomkit.gitlab-ci.yml');
    expect(report.merged['../.gitlab-ci.yml']?.added).toEqual(['include kb/atomkit.gitlab-ci.yml']);
    expect(existsSync(path.join(repo, '.github'))).toBe(false);
    const jobs = parse(readFileSync(path.join(repo, 'kb', 'atomkit.gitlab-ci.yml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(jobs)).toEqual(['.atomkit', 'atoms:lint', 'atoms:site', 'atoms:index']);
    expect(parse(readFileSync(path.join(repo, '.gitlab-ci.yml'), 'utf8')).pages).toEqual({ script: ['make site'], artifacts: { paths: ['public'] } });
  });

  test("a repository URL on a company's own GitLab host is enough to choose GitLab CI/CD", () => {
    const result = init(['on-own-gitlab', '--yes', '--repo', 'https://gitlab.acme.dev/platform/kb']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('GitLab CI/CD: atoms:lint, atoms:site, pages, atoms:index in on-own-gitlab/atomkit.gitlab-ci.yml');
    expect(readdirSync(path.join(root, 'on-own-gitlab'))).toEqual(expect.arrayContaining(['.gitlab-ci.yml', 'atomkit.gitlab-ci.yml']));
    expect(existsSync(path.join(root, 'on-own-gitlab', '.github'))).toBe(false);
  });

  test('a .gitlab-ci.yml that is not YAML stops init at its line and column, and nothing is written', () => {
    const repo = folderWith('broken-pipeline', { '.gitlab-ci.yml': 'build:\n  script: [make\n' });
    mkdirSync(path.join(repo, '.git'));
    const result = init(['kb', '--yes', '--ci', 'gitlab'], repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\.gitlab-ci\.yml:\d+:\d+: .+ Nothing was written\./);
    expect(readdirSync(repo).sort()).toEqual(['.git', '.gitlab-ci.yml']);
  });

  test('an unusable answer given as an option is a usage error naming the option', () => {
    const result = init(['bad', '--yes', '--languages', 'English']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--languages "English": `English` is not a BCP 47 language tag');
    expect(existsSync(path.join(root, 'bad'))).toBe(false);
  });
});
