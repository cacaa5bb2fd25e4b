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
    for (const d of diagnostics) expect(d.docsUrl).toMatch(/^https:\/\/atomkit\.dev\/error\/[a-z-]+\/(#[a-z-]+)?$/);
  });

  test('prints a code frame and the docs link in pretty format', async () => {
    const { out } = await lint(['broken/bad-date.md']);
    expect(out).toContain('broken/bad-date.md:6:10  error');
    expect(out).toContain('> 6 | created: last tuesday');
    expect(out).toContain('docs: https://atomkit.dev/error/frontmatter-schema/');
  });

  test('--quiet drops warnings and --max-warnings turns them into a failure', async () => {
    expect((await lint(['broken/bom.md', '--quiet', '--format', 'json'])).out).toBe('[]\n');
    expect((await lint(['broken/bom.md'])).code).toBe(0);
    expect((await lint(['broken/bom.md', '--max-warnings', '0'])).code).toBe(1);
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
});

describe('linting generated malformed atoms', () => {
  test('never throws and gives every file at least one positioned diagnostic', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'atomkit-fuzz-'));
    const lines = header().split('\n');
    // Malformed: a valid atom with pieces cut, doubled, or replaced by junk, never the original.
    const malformed = fc
      .tuple(fc.array(fc.tuple(fc.nat(lines.length + 2), fc.oneof(fc.string(), fc.constantFrom('---', '\t', 'type: nope', 'title: [', ': :', '\u0000', '\r', 'created: 2025-99-99', 'tags: 5'))), { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([edits, dropBody]) => {
        const out = [...lines];
        for (const [at, text] of edits) out.splice(at % (out.length + 1), at % 3 === 0 ? 1 : 0, text);
        return out.join('\n') + (dropBody ? '' : '\nshort body\n');
      })
      .filter((text) => text !== valid);
    try {
      const samples = fc.sample(malformed, { numRuns: 1000, seed: 42 });
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
});
