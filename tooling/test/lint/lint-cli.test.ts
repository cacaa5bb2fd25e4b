import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';
import { header, procedureBody } from '../../src/lint/test-helpers.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { loadAtoms } from '../../src/atom/load.js';
import { LINK_OUTSIDE_MESSAGE } from '../../src/atom/outside-links.js';
import { checkAtoms } from '../../src/site/check.js';
import { hostileFile, malformedAtom, SECRET, writeHostileFiles } from './hostile-atoms.js';

let root: string;
const valid = header() + procedureBody;

async function lint(args: string[], cwd = root) {
  const io = memoryIo();
  const code = await main(['--cwd', cwd, 'lint', ...args], io);
  return { code, out: io.out, err: io.err };
}

function write(file: string, content: string | Buffer) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-lint-'));
  write('atoms/procedure/good.md', valid);
  const broken: Record<string, string | Buffer> = {
    'empty.md': '',
    'no-header.md': '# Just a title\n\nText.\n',
    'unterminated.md': '---\ntitle: Never closed\n\nText.\n',
    'yaml-error.md': '---\ntitle: [unclosed\n---\n\nText.\n',
    'tabs.md': '---\ntitle: Tabs\nrelated:\n\t- x\n---\n\nText.\n',
    'bom.md': `\uFEFF${header({ title: 'With a BOM' })}${procedureBody}`,
    'crlf.md': (header({ title: 'With CRLF' }) + procedureBody).replace(/\n/g, '\r\n'),
    'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe]),
    'latin1.md': Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'),
    'huge.md': `${header({ title: 'Huge' })}${'word '.repeat(1_100_000)}\n`,
    'duplicate-keys.md': header({ title: 'Dup' }).replace('author: ops', 'author: ops\nauthor: again') + procedureBody,
    'wrong-types.md': header({ title: 'Wrong types', tags: 'queue', version: '1' }) + procedureBody,
    'unknown-field.md': header({ title: 'Unknown field', titel: 'x' }) + procedureBody,
    'bad-date.md': header({ title: 'Bad date', created: 'last tuesday' }) + procedureBody,
  };
  for (const [name, content] of Object.entries(broken)) write(`broken/${name}`, content);
  symlinkSync('loop-b.md', path.join(root, 'broken/loop-a.md'));
  symlinkSync('loop-a.md', path.join(root, 'broken/loop-b.md'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('atomkit lint', () => {
  test('exits 0 and prints a clean summary for valid atoms', async () => {
    const { code, out } = await lint([]);
    expect(out).toContain('1 file checked: 0 errors, 0 warnings');
    expect(code).toBe(0);
  });

  test('gives every hostile file a positioned diagnostic and exits 1', async () => {
    const { code, out } = await lint(['broken', '--format', 'json']);
    expect(code).toBe(1);
    const diagnostics = JSON.parse(out) as Diagnostic[];
    const byFile = (name: string) => diagnostics.filter((d) => d.file === `broken/${name}`).map((d) => `${d.code} ${d.start.line}:${d.start.column}`);
    expect(byFile('empty.md')).toContain('frontmatter/missing 1:1');
    expect(byFile('no-header.md')).toContain('frontmatter/missing 1:1');
    expect(byFile('unterminated.md')).toContain('frontmatter/unterminated 1:1');
    expect(byFile('yaml-error.md')[0]).toMatch(/^frontmatter\/yaml-syntax [23]:\d+$/);
    expect(byFile('tabs.md')[0]).toMatch(/^frontmatter\/yaml-syntax 4:\d+$/);
    expect(byFile('bom.md')).toContain('file/bom 1:1');
    expect(byFile('crlf.md')).toContain('file/line-endings 1:4');
    expect(byFile('binary.md')).toEqual(['file/encoding 1:1']);
    expect(byFile('latin1.md')).toEqual(['file/encoding 1:1']);
    expect(byFile('huge.md')).toEqual(['file/too-large 1:1']);
    expect(byFile('loop-a.md')).toEqual(['file/unreadable 1:1']);
    expect(byFile('duplicate-keys.md')).toContain('frontmatter/duplicate-key 6:1');
    expect(byFile('wrong-types.md')).toEqual(expect.arrayContaining(['frontmatter/schema 7:10', 'frontmatter/schema 8:7']));
    expect(byFile('unknown-field.md')).toContain('frontmatter/schema 10:1');
    expect(byFile('bad-date.md')).toContain('frontmatter/schema 6:10');
    for (const d of diagnostics) expect(d.docsUrl).toMatch(/^https:\/\/atomkit\.github\.io\/error\/[a-z-]+\/(#[a-z-]+)?$/);
  });

  test('prints a code frame and the docs link in pretty format', async () => {
    const { out } = await lint(['broken/bad-date.md']);
    expect(out).toContain('broken/bad-date.md:6:10  error');
    expect(out).toContain('> 6 | created: last tuesday');
    expect(out).toContain('docs: https://atomkit.github.io/error/frontmatter-schema/');
  });

  test('in a folder of a repository, the formats a code host reads name files from the repository root; pretty and json from the folder', async () => {
    const repository = mkdtempSync(path.join(os.tmpdir(), 'atomkit-lint-repo-'));
    try {
      mkdirSync(path.join(repository, '.git'));
      const kb = path.join(repository, 'docs', 'kb');
      mkdirSync(path.join(kb, 'atoms', 'procedure'), { recursive: true });
      writeFileSync(path.join(kb, 'atoms', 'procedure', 'dated.md'), header({ created: 'last tuesday' }) + procedureBody);
      const run = async (format: string) => (await lint(['--format', format], kb)).out;
      expect(await run('github')).toContain('::error file=docs/kb/atoms/procedure/dated.md,line=6');
      expect((JSON.parse(await run('gitlab')) as { location: { path: string } }[])[0]!.location.path).toBe('docs/kb/atoms/procedure/dated.md');
      expect(await run('sarif')).toContain('"uri": "docs/kb/atoms/procedure/dated.md"');
      expect((JSON.parse(await run('json')) as Diagnostic[])[0]!.file).toBe('atoms/procedure/dated.md');
      expect(await run('pretty')).toContain('atoms/procedure/dated.md:6:10  error');
    } finally {
      rmSync(repository, { recursive: true, force: true });
    }
  });

  test('--quiet drops warnings and --max-warnings turns them into a failure', async () => {
    expect((await lint(['broken/bom.md', '--quiet', '--format', 'json'])).out).toBe('[]\n');
    expect((await lint(['broken/bom.md'])).code).toBe(0);
    expect((await lint(['broken/bom.md', '--max-warnings', '0'])).code).toBe(1);
  });

  test('lint.docsUrl sends every rule link to the site that documents the rules, not to the knowledge base', async () => {
    const project = path.join(root, 'docs-url');
    mkdirSync(path.join(project, 'atoms'), { recursive: true });
    writeFileSync(path.join(project, 'atoms', 'a.md'), '---\ntitle: A\n---\n\nText.\n');
    writeFileSync(path.join(project, 'atomkit.config.yaml'), 'site:\n  url: https://kb.example.org\nlint:\n  docsUrl: https://handbook.example.org/atomkit\n');
    const { out } = await lint(['--format', 'json'], project);
    const diagnostics = JSON.parse(out) as { docsUrl: string }[];
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.docsUrl).toMatch(/^https:\/\/handbook\.example\.org\/atomkit\/error\/[a-z-]+\//);
  });

  test('exits 2 with a clear message for a path that does not exist', async () => {
    const { code, err } = await lint(['no/such/folder']);
    expect(code).toBe(2);
    expect(err).toContain('No such file or folder: no/such/folder');
  });

  test('exits 2 with a did-you-mean for an unknown rule code in the config', async () => {
    const project = path.join(root, 'badconfig');
    mkdirSync(path.join(project, 'atoms'), { recursive: true });
    writeFileSync(path.join(project, 'atomkit.config.yaml'), 'lint:\n  rules:\n    title/duplicates: warn\n');
    const { code, err } = await lint([], project);
    expect(code).toBe(2);
    expect(err).toContain('atomkit.config.yaml:3:5');
    expect(err).toContain('did you mean `title/duplicate`?');
  });

  test('lint.languages sets the word limits of a language, and a malformed key is pointed at', async () => {
    const project = path.join(root, 'languages');
    mkdirSync(path.join(project, 'atoms/de'), { recursive: true });
    writeFileSync(path.join(project, 'atoms/de/x.md'), valid);
    writeFileSync(path.join(project, 'atomkit.config.yaml'), 'atoms:\n  locales: [de]\nlint:\n  languages:\n    de: { minWords: 600, maxWords: 1200 }\n');
    const diagnostics = JSON.parse((await lint(['--format', 'json'], project)).out) as Diagnostic[];
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('fewer than 600 (`lint.languages.de.minWords`)')]);

    writeFileSync(path.join(project, 'atomkit.config.yaml'), 'lint:\n  languages:\n    German: { minWords: 600, maxWords: 1200 }\n');
    const { code, err } = await lint([], project);
    expect(code).toBe(2);
    expect(err).toContain('atomkit.config.yaml:3:5');
    expect(err).toContain('The key `German` in `lint.languages` has the wrong form: expected a BCP 47 language tag');
  });

  test('config severities turn rules off and a markdown/* key sets the whole family', async () => {
    const project = path.join(root, 'severities');
    mkdirSync(path.join(project, 'atoms'), { recursive: true });
    writeFileSync(path.join(project, 'atoms/x.md'), `\uFEFF${valid.trimEnd()}`);
    writeFileSync(path.join(project, 'atomkit.config.yaml'), "lint:\n  rules:\n    file/bom: error\n    'markdown/*': off\n");
    const diagnostics = JSON.parse((await lint(['--format', 'json'], project)).out) as Diagnostic[];
    expect(diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['file/bom error']);
  });

  test('--changed lints only changed atoms plus the links they break', async () => {
    const project = path.join(root, 'repo');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: project, stdio: 'ignore' });
    mkdirSync(path.join(project, 'atoms/procedure'), { recursive: true });
    writeFileSync(path.join(project, 'atoms/procedure/a.md'), header({ title: 'Alpha one' }) + procedureBody);
    writeFileSync(path.join(project, 'atoms/procedure/b.md'), header({ title: 'Beta two', related: '[Alpha one]' }) + procedureBody);
    writeFileSync(path.join(project, 'atoms/procedure/c.md'), header({ title: 'Gamma', version: '1' }) + procedureBody);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'atoms');
    writeFileSync(path.join(project, 'atoms/procedure/a.md'), header({ title: 'Alpha renamed' }) + procedureBody);
    const { code, out } = await lint(['--changed', '--base', 'main', '--format', 'json'], project);
    const diagnostics = JSON.parse(out) as Diagnostic[];
    // c.md's old schema error is not this change's doing; b.md's broken link is.
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['atoms/procedure/b.md related/unresolved']);
    expect(diagnostics[0]!.message).toContain('did you mean `Alpha renamed`?');
    expect(code).toBe(1);
  });

  test("--changed with no --base diffs against the remote's default branch, `master` too", async () => {
    const upstream = path.join(root, 'upstream');
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, stdio: 'ignore' });
    mkdirSync(path.join(upstream, 'atoms/procedure'), { recursive: true });
    writeFileSync(path.join(upstream, 'atoms/procedure/a.md'), header({ title: 'Alpha one' }) + procedureBody);
    writeFileSync(path.join(upstream, 'atoms/procedure/c.md'), header({ title: 'Gamma', version: '1' }) + procedureBody);
    git(upstream, 'init', '-q', '-b', 'master');
    git(upstream, 'add', '-A');
    git(upstream, 'commit', '-q', '-m', 'atoms');
    git(root, 'clone', '-q', upstream, 'clone');
    const clone = path.join(root, 'clone');
    git(clone, 'switch', '-q', '-c', 'feature');
    writeFileSync(path.join(clone, 'atoms/procedure/a.md'), header({ title: 'Alpha one', created: 'last tuesday' }) + procedureBody);
    git(clone, 'commit', '-q', '-am', 'undated');
    const { code, out } = await lint(['--changed', '--format', 'json'], clone);
    // The committed change is found (HEAD alone would see none), c.md's old error is not this branch's.
    expect((JSON.parse(out) as Diagnostic[]).map((d) => `${d.file} ${d.code}`)).toEqual(['atoms/procedure/a.md frontmatter/schema']);
    expect(code).toBe(1);
  });
});

describe('links between atoms', () => {
  test('a link to a heading of an atom that is not linted itself is checked against that atom read from its file', async () => {
    const project = path.join(root, 'body-links');
    mkdirSync(path.join(project, 'atoms/procedure'), { recursive: true });
    writeFileSync(path.join(project, 'atoms/procedure/target.md'), header({ title: 'Target' }) + procedureBody);
    writeFileSync(path.join(project, 'atoms/procedure/linker.md'), `${header({ title: 'Linker' })}${procedureBody}\nSee [its steps](/procedure/target/#steps) and [its checks](../procedure/target.md#checks).\n`);
    const { code, out } = await lint(['--format', 'json', 'atoms/procedure/linker.md'], project);
    const diagnostics = (JSON.parse(out) as Diagnostic[]).filter((d) => d.code === 'link/unresolved');
    expect(diagnostics.map((d) => `${d.file} ${d.start.line}:${d.start.column} ${d.severity} ${d.message}`)).toEqual([
      'atoms/procedure/linker.md 29:47 warn The page `/procedure/target/` has no heading or question with the anchor `#checks`.',
    ]);
    // A warning by default: the lint passes unless warnings are refused.
    expect(code).toBe(0);
  });
});

describe('deep nesting and links out of the project', () => {
  test('an atom nested 4,000 levels deep is one positioned diagnostic, and every other file is still linted', async () => {
    const project = path.join(root, 'deep');
    mkdirSync(path.join(project, 'atoms/procedure'), { recursive: true });
    writeFileSync(path.join(project, 'atoms/procedure/good.md'), valid);
    writeFileSync(path.join(project, 'atoms/procedure/quotes.md'), `${header({ title: 'Quotes' })}\n${'>'.repeat(4000)} x\n`);
    // About 24 KB of header: the probe's 1,836 identical diagnostics.
    writeFileSync(path.join(project, 'atoms/procedure/flow.md'), header({ title: 'Flow', tags: '['.repeat(24_000) }) + procedureBody);
    writeFileSync(path.join(project, 'atoms/procedure/bad.md'), header({ title: 'Bad', version: '1' }) + procedureBody);
    const { code, out } = await lint(['--format', 'json'], project);
    const diagnostics = JSON.parse(out) as Diagnostic[];
    expect(diagnostics.map((d) => `${d.file} ${d.code} ${d.start.line}:${d.start.column}`)).toEqual([
      'atoms/procedure/bad.md frontmatter/schema 7:10',
      'atoms/procedure/flow.md file/too-deep 8:107',
      'atoms/procedure/quotes.md file/too-deep 12:101',
    ]);
    expect(code).toBe(1);
  });

  test('a link to a file or folder outside the project is reported, and what it points at is never read', async () => {
    const project = path.join(root, 'links');
    const outside = mkdtempSync(path.join(os.tmpdir(), 'atomkit-outside-'));
    try {
      writeHostileFiles(project, outside, [{ link: 'outside-file' }, { link: 'outside-folder' }]);
      mkdirSync(path.join(project, 'docs'), { recursive: true });
      // A link that stays inside the project is read as usual.
      writeFileSync(path.join(project, 'docs/shared.md'), valid);
      symlinkSync('../docs/shared.md', path.join(project, 'atoms/shared.md'));
      for (const args of [['--format', 'json'], ['--format', 'json', '--cache'], ['--format', 'json', 'atoms/h0.md']]) {
        const { code, out } = await lint(args, project);
        expect(out).not.toContain('SECRET');
        const diagnostics = JSON.parse(out) as Diagnostic[];
        const outsideLinks = args.includes('atoms/h0.md') ? ['atoms/h0.md'] : ['atoms/h0.md', 'atoms/h1'];
        expect(diagnostics.map((d) => `${d.file} ${d.code} ${d.start.line}:${d.start.column}`)).toEqual(outsideLinks.map((file) => `${file} file/unreadable 1:1`));
        for (const d of diagnostics) expect(d.message).toBe(LINK_OUTSIDE_MESSAGE);
        expect(code).toBe(1);
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a transcript linked from outside the project is reported, not read', async () => {
    const project = path.join(root, 'transcripts');
    const outside = mkdtempSync(path.join(os.tmpdir(), 'atomkit-outside-'));
    try {
      mkdirSync(path.join(project, 'interviews'), { recursive: true });
      mkdirSync(path.join(project, 'atoms'), { recursive: true });
      writeFileSync(path.join(outside, 'secret.env'), 'SECRET_TOKEN=x\n');
      symlinkSync(path.join(outside, 'secret.env'), path.join(project, 'interviews/operator.md'));
      const { out } = await lint(['--format', 'json'], project);
      expect(out).not.toContain('SECRET');
      expect((JSON.parse(out) as Diagnostic[]).map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual([`interviews/operator.md interview/header ${LINK_OUTSIDE_MESSAGE}`]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

/** Generated files per fuzz run; `ATOMKIT_FUZZ_RUNS=2000 npx vitest run tooling/test/lint/lint-cli.test.ts` runs more. */
const FUZZ_RUNS = Number(process.env.ATOMKIT_FUZZ_RUNS ?? 300);

describe('linting generated hostile atoms', () => {
  test('never throws and gives every file at least one positioned diagnostic', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'atomkit-fuzz-'));
    try {
      const samples = fc.sample(malformedAtom, { numRuns: 1000, seed: 42 });
      mkdirSync(path.join(project, 'atoms'), { recursive: true });
      samples.forEach((text, i) => writeFileSync(path.join(project, 'atoms', `a${i}.md`), text));
      const result = await runLint({ config: loadConfig({ cwd: project }), cwd: project });
      expect(result.files).toBe(1000);
      const positioned = new Set(result.diagnostics.filter((d) => d.start.line >= 1 && d.start.column >= 1).map((d) => d.file));
      expect(positioned.size).toBe(1000);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);

  test(`deep nesting, deep flow collections and links out of the project (${FUZZ_RUNS} files): one run, every file diagnosed at a position, nothing outside read, no diagnostic repeated`, async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'atomkit-fuzz-'));
    const outside = mkdtempSync(path.join(os.tmpdir(), 'atomkit-outside-'));
    try {
      const files = writeHostileFiles(project, outside, fc.sample(hostileFile, { numRuns: FUZZ_RUNS, seed: 17 }));
      const config = loadConfig({ cwd: project });
      const result = await runLint({ config, cwd: project, threads: 0 });
      expect(result.files).toBe(FUZZ_RUNS);
      const positioned = new Set(result.diagnostics.filter((d) => d.start.line >= 1 && d.start.column >= 1).map((d) => d.file));
      expect(files.filter((file) => !positioned.has(file))).toEqual([]);
      expect(JSON.stringify(result.diagnostics)).not.toContain(SECRET);
      const keys = result.diagnostics.map((d) => JSON.stringify([d.file, d.code, d.start, d.end, d.message]));
      expect(keys.length - new Set(keys).size).toBe(0);

      // The site build's check stops on every one of them, with a position.
      const atoms = loadAtoms({ root: config.atoms.dirAbs, projectRoot: config.root });
      const blocked = new Set(checkAtoms(atoms, { root: config.root, docsUrl: config.lint.docsUrl, defaultLanguage: 'en' }).map((d) => d.file));
      expect(files.filter((file) => !blocked.has(file))).toEqual([]);
    } finally {
      rmSync(project, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  }, 600_000);
});
