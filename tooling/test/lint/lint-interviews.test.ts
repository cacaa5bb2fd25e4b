import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { header, procedureBody } from '../../src/lint/test-helpers.js';

let root: string;

const transcript = (body: string) =>
  `---\ninterviewee: Dana Ruiz\nrole: support engineer\ninterviewer: Sam Lee\ndate: "2026-10-01"\nsystem: atomkit\ntopics: [lint]\n---\n\n${body}`;

function write(file: string, content: string) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

async function lint(args: string[]) {
  const io = memoryIo();
  const code = await main(['--cwd', root, 'lint', '--format', 'json', ...args], io);
  return { code, diagnostics: JSON.parse(io.out || '[]') as { file: string; code: string; start: { line: number } }[] };
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-lint-interviews-'));
  write('atoms/procedure/good.md', header() + procedureBody);
  write('interviews/clean.md', transcript('<a id="t-001"></a>**Sam Lee:** How do you lint?\n\n<a id="t-002"></a>**Dana Ruiz:** With `atomkit lint`.\n'));
  write('interviews/broken.md', transcript('<a id="t-001"></a>**Sam Lee:** How do you lint?\n\n<a id="t-002"></a>**Stranger:** Me too.\n'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('atomkit lint on interview transcripts', () => {
  test('a full run lints the interviews folder with the transcript rules, not the atom rules', async () => {
    const { code, diagnostics } = await lint([]);
    expect(code).toBe(1);
    expect(diagnostics.filter((d) => d.file.startsWith('interviews/')).map((d) => d.file)).toEqual(['interviews/broken.md']);
    expect(diagnostics.every((d) => d.code.startsWith('interview/'))).toBe(true);
    expect(diagnostics[0]!.start.line).toBe(12);
  });

  test('a transcript given as a path is linted as a transcript', async () => {
    const { code, diagnostics } = await lint(['interviews/clean.md']);
    expect({ code, diagnostics }).toEqual({ code: 0, diagnostics: [] });
  });
});
