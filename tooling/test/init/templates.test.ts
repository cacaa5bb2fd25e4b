import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseAtomText } from '../../src/atom/parse.js';
import { ATOM_TYPES, type AtomHeader } from '../../src/atom/schema.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { packageFile } from '../../src/package/files.js';
import { parseInterviewText } from '../../src/studio/interview/parse.js';

const TEMPLATES = packageFile('tooling', 'templates', 'init');
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = packageFile('bin', 'atomkit.js');
let kb: string;

/** The example atoms as `atomkit init` writes them, with the first paragraph of their body. */
function exampleAtoms(): { file: string; header: AtomHeader; lead: string }[] {
  return readdirSync(path.join(kb, 'atoms'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const parsed = parseAtomText(readFileSync(path.join(kb, 'atoms', file), 'utf8'));
      const first = parsed.lead[0]?.position;
      return { file, header: parsed.data as AtomHeader, lead: first ? parsed.text.slice(first.start.offset, first.end.offset) : '' };
    });
}

interface Workflow {
  jobs: Record<string, { 'timeout-minutes'?: number; steps: { run?: string; uses?: string }[] }>;
}
function workflows(dir: string): Map<string, Workflow> {
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.yml'))
      .map((file) => [file, parse(readFileSync(path.join(dir, file), 'utf8')) as Workflow]),
  );
}

beforeAll(() => {
  // What `atomkit init` does with the templates: copy them and name the ignore file (npm drops
  // files called .gitignore from packages), next to a minimal config.
  kb = mkdtempSync(path.join(os.tmpdir(), 'atomkit-init-templates-'));
  cpSync(TEMPLATES, kb, { recursive: true });
  renameSync(path.join(kb, 'gitignore'), path.join(kb, '.gitignore'));
  writeFileSync(path.join(kb, 'atomkit.config.yaml'), 'site:\n  url: https://kb.example.org\n');
});
afterAll(() => rmSync(kb, { recursive: true, force: true }));

describe('the knowledge base atomkit init writes', () => {
  test('lints with no errors and no warnings', () => {
    const result = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json'], { cwd: kb, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const diagnostics = JSON.parse(result.stdout) as Diagnostic[];
    expect(diagnostics.map((d) => `${d.file}:${d.start.line}:${d.start.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(result.status).toBe(0);
  }, 60_000);

  test('has one example atom of every type, each marked as an example in its title, tags and first line', () => {
    const atoms = exampleAtoms();
    expect(atoms.map((atom) => atom.header.type).sort()).toEqual([...ATOM_TYPES].sort());
    for (const atom of atoms) {
      expect(atom.header.title, atom.file).toMatch(/^Example: /);
      expect(atom.header.tags, atom.file).toContain('example');
      expect(atom.lead, atom.file).toMatch(/\bexample\b/i);
      expect(atom.lead, atom.file).toMatch(/delete it or replace it/);
    }
  });

  test('cites only turns that exist in the example interview', () => {
    const interview = parseInterviewText(readFileSync(path.join(kb, 'interviews/example-interview.md'), 'utf8'));
    const anchors = new Set(interview.turns.map((turn) => turn.anchor));
    const citing = exampleAtoms().map((atom) => (atom.header.sources ?? []).map((source) => source.ref).filter((ref) => ref.startsWith('interviews/example-interview.md#')));
    expect(citing.filter((refs) => refs.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(citing.flat().filter((ref) => !anchors.has(ref.split('#')[1]))).toEqual([]);
    expect(interview.turns.length).toBeGreaterThanOrEqual(15);
    expect(interview.turns.length).toBeLessThanOrEqual(25);
  });

  test('ignores installed packages, generated files and the built site', () => {
    const ignored = readFileSync(path.join(kb, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules/', '.atomkit/', 'site/dist/', '.astro/']));
  });
});

describe('the GitHub workflows atomkit init writes', () => {
  const own = [...workflows(path.join(REPO, '.github', 'workflows')).values()];
  const templates = workflows(path.join(TEMPLATES, '.github', 'workflows'));

  test('lint atoms on pull requests, build and deploy the site, and build the search index', () => {
    expect([...templates.keys()].sort()).toEqual(['atoms.yml', 'index.yml', 'site.yml']);
    const runs = (file: string) => Object.values(templates.get(file)!.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    expect(runs('atoms.yml')).toContain('npx atomkit lint --changed --base "origin/${{ github.base_ref }}" --format github');
    expect(runs('site.yml').some((run) => run.startsWith('npx atomkit site build'))).toBe(true);
    expect(runs('index.yml')).toContain('npx atomkit index');
  });

  test('give every job a timeout', () => {
    for (const [file, workflow] of templates) {
      for (const [name, job] of Object.entries(workflow.jobs)) expect(job['timeout-minutes'], `${file} ${name}`).toBeGreaterThan(0);
    }
  });

  test('use the action versions atomkit’s own workflows use', () => {
    const pinned = new Set(own.flatMap((workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses))));
    for (const [file, workflow] of templates) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps) if (step.uses) expect(pinned, `${file} ${step.uses}`).toContain(step.uses);
      }
    }
  });

  test('run only npm and the installed atomkit, nothing from atomkit’s own repository', () => {
    for (const [file, workflow] of templates) {
      const commands = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => step.run ?? []));
      for (const command of commands) expect(command, file).not.toMatch(/\btsx\b|tooling\/|bin\/atomkit|\.ci\/|npm run /);
    }
  });
});
