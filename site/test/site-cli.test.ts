/** `atomkit site build|dev` as a user runs them, on inputs that must not start a build. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseAtomText } from '../../tooling/src/atom/parse.js';
import { FIXTURE_ATOMS, INVALID_ATOMS, PROJECT_ROOT, scratchDir, treeSnapshot } from './helpers.js';

const atomkit = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/atomkit.js', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' }, timeout: 60_000 });

describe('atomkit site build', () => {
  test('stops on invalid atoms with the linter messages, file:line:col, and exit code 1', () => {
    const run = atomkit(['site', 'build'], { ATOMKIT_ATOMS_DIR: INVALID_ATOMS });
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines).toContain('site/test/fixtures/invalid-atoms/error/broken.md:10:5 No atom has the title `Restock a warehose` listed in `related`; did you mean `Restock a warehouse`? related/unresolved');
    expect(lines).toContain('site/test/fixtures/invalid-atoms/error/broken.md:11:1 Unknown field `titel`; did you mean `title`? frontmatter/schema');
    expect(run.stderr).toContain('2 problems in the atoms; the site was not built.');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // Only the atoms' problems: Astro must not add an error of its own.
    expect(run.stderr).not.toContain('[ERROR]');
  });

  test('stops on an atom nested 4,000 levels deep and on a link out of the atoms folder, at file:line:col, with exit code 1', () => {
    const atoms = mkdtempSync(path.join(os.tmpdir(), 'atomkit-hostile-atoms-'));
    const outside = mkdtempSync(path.join(os.tmpdir(), 'atomkit-outside-'));
    try {
      mkdirSync(path.join(atoms, 'pitfall'));
      writeFileSync(path.join(atoms, 'pitfall/deep.md'), `---\ntitle: Deep\nsummary: Quotes in quotes.\ntype: pitfall\nauthor: t\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [a]\nrelated: []\n---\n\n${'>'.repeat(4000)} x\n`);
      writeFileSync(path.join(outside, 'secret.env'), 'SECRET_TOKEN=x\n');
      symlinkSync(path.join(outside, 'secret.env'), path.join(atoms, 'pitfall/innocent.md'));
      const run = atomkit(['site', 'build'], { ATOMKIT_ATOMS_DIR: atoms });
      expect(run.status).toBe(1);
      // Outside the project, files are shown by their absolute path.
      const shown = atoms.split(path.sep).join('/');
      const lines = run.stderr.split('\n');
      expect(lines).toContain(`${shown}/pitfall/deep.md:12:101 The file nests block quotes, lists or inline markup in the body more than 100 levels deep, so it is not parsed. file/too-deep`);
      expect(lines).toContain(`${shown}/pitfall/innocent.md:1:1 This path is a symbolic link to a place outside the project; atomkit never reads files outside the project through a link. file/unreadable`);
      expect(run.stderr).not.toContain('SECRET');
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(atoms, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('stops on atoms whose lists, emphasis or link text nest past the limit, with the file:line:col of a full parse', () => {
    const atoms = mkdtempSync(path.join(os.tmpdir(), 'atomkit-deep-atoms-'));
    try {
      mkdirSync(path.join(atoms, 'pitfall'));
      const bodies: Record<string, string> = {
        lists: Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
        emphasis: `${'_a '.repeat(150)}x${' a_'.repeat(150)}`,
        links: `[${'*a '.repeat(150)}\nx${' a*'.repeat(150)}](u)`,
      };
      const expected: string[] = [];
      for (const [name, body] of Object.entries(bodies)) {
        const text = `---\ntitle: Deep ${name}\nsummary: Nested past the limit.\ntype: pitfall\nauthor: t\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [a]\nrelated: []\n---\n\nLead.\n\n${body}\n`;
        writeFileSync(path.join(atoms, `pitfall/${name}.md`), text);
        const [problem] = parseAtomText(text).problems;
        expect(problem?.code).toBe('file/too-deep');
        expected.push(`${atoms.split(path.sep).join('/')}/pitfall/${name}.md:${problem!.range.start.line}:${problem!.range.start.column} ${problem!.message} file/too-deep`);
      }
      const run = atomkit(['site', 'build'], { ATOMKIT_ATOMS_DIR: atoms });
      expect(run.status).toBe(1);
      for (const line of expected) expect(run.stderr.split('\n')).toContain(line);
      expect(run.stderr).toContain('3 problems in the atoms; the site was not built.');
    } finally {
      rmSync(atoms, { recursive: true, force: true });
    }
  });

  // A knowledge base of its own (where atomkit's peers, astro and Starlight, resolve from).
  test('builds a knowledge base in another folder inside that folder, and writes nothing in the package', () => {
    const elsewhere = scratchDir();
    const before = treeSnapshot(path.join(PROJECT_ROOT, 'site'));
    try {
      cpSync(FIXTURE_ATOMS, path.join(elsewhere, 'atoms'), { recursive: true });
      writeFileSync(path.join(elsewhere, 'atomkit.config.yaml'), 'site:\n  organisation: Acme\n');
      const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/atomkit.js'), 'site', 'build'], {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 240_000,
      });
      expect(run.stderr).not.toMatch(/Cannot find (package|module)/);
      expect(run.status).toBe(0);
      // No warning asks to check a content config the knowledge base has no reason to have.
      expect(`${run.stdout}${run.stderr}`).not.toContain('does not exist or is empty');
      const home = readFileSync(path.join(elsewhere, 'site/dist/index.html'), 'utf8');
      expect(home).toMatch(/<title>Acme knowledge base\b/);
      expect(home).not.toMatch(/atomkit\.(dev|github\.io)|github\.com\/atomkit/);
      expect(existsSync(path.join(elsewhere, 'site/dist/ja'))).toBe(false);
      expect(existsSync(path.join(elsewhere, '.atomkit/site/.astro'))).toBe(true);
      expect(treeSnapshot(path.join(PROJECT_ROOT, 'site'))).toEqual(before);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 300_000);

  test('refuses, before writing anything, a project that shares no folder but the root with the atomkit it runs', () => {
    const topOf = (dir: string) => dir.split(path.sep)[1];
    const base = [os.tmpdir(), '/var/tmp', '/dev/shm'].find((dir) => topOf(dir) !== topOf(PROJECT_ROOT) && existsSync(dir))!;
    const apart = mkdtempSync(path.join(base, 'atomkit-apart-'));
    try {
      cpSync(FIXTURE_ATOMS, path.join(apart, 'atoms'), { recursive: true });
      writeFileSync(path.join(apart, 'atomkit.config.yaml'), 'site:\n  organisation: Acme\n');
      const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/atomkit.js'), 'site', 'build'], { cwd: apart, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`it shares no folder with the project in ${realpathSync(apart)}`);
      expect(run.stderr).toContain('npm install --save-dev atomkit');
      expect(run.stderr).not.toMatch(/internal error|No cached compile metadata|\n\s+at /);
      expect(existsSync(path.join(apart, '.atomkit'))).toBe(false);
      expect(existsSync(path.join(apart, 'site'))).toBe(false);
    } finally {
      rmSync(apart, { recursive: true, force: true });
    }
  });
});

describe('atomkit site dev', () => {
  test('refuses a port that is not a number, with exit code 2', () => {
    const run = atomkit(['site', 'dev', '--port', 'eighty']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Expected --port to be a port number (0-65535), got `eighty`.');
  });
});

describe('the Site workflow', () => {
  test('builds on pull requests, checks links, and deploys main to GitHub Pages with the Pages base path', () => {
    const workflow = parse(readFileSync(`${PROJECT_ROOT}.github/workflows/site.yml`, 'utf8'));
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    const steps = workflow.jobs.build.steps as { name: string; run?: string; uses?: string; env?: Record<string, string> }[];
    expect(steps.map((step) => step.name)).toEqual(expect.arrayContaining(['Install', 'Build site', 'Check links', 'Upload Pages artifact']));
    const build = steps.find((step) => step.name === 'Build site')!;
    expect(build.run).toBe('npm run build');
    expect(build.env?.ATOMKIT_SITE_BASE).toContain('steps.base.outputs.path');
    expect(steps.find((step) => step.name === 'Configure Pages')?.uses).toMatch(/^actions\/configure-pages@/);
    expect(workflow.jobs.deploy.steps[0].uses).toMatch(/^actions\/deploy-pages@/);
    expect(workflow.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });
});
