import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh project folder holding `files` (paths relative to it), removed after the test file. */
export function makeProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atomkit-studio-'));
  created.push(dir);
  mkdirSync(path.join(dir, 'atoms'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export function copyFixture(name: string, dir: string, as = name): void {
  cpSync(path.join(FIXTURES, name), path.join(dir, as), { recursive: true });
}

export async function run(dir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(['--cwd', dir, ...args], io);
  return { code, out: io.out, err: io.err };
}

/** Every file under `dir` with its content, for "nothing changed on disk" checks. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const FILLER =
  'Operators follow this page when the search index and the chat service disagree about what the atoms say. ' +
  'It explains the situation in plain words, names the files involved and says what to check before and after. ';

/** A well-formed atom of `type` with the sections it needs and enough words to be chunk-sized. */
export function atomText(header: { title: string; type?: string; related?: string[]; extra?: string }): string {
  const type = header.type ?? 'procedure';
  const filler = FILLER.repeat(12);
  const body: Record<string, string> = {
    procedure: `## Prerequisites\n\n${filler}\n\n## Steps\n\n1. Pull the atoms.\n2. Rebuild the index.\n\n## Verify\n\nAsk a question and open the citation.\n`,
    pitfall: `## What not to do\n\n${filler}\n\n## Why\n\nHalf an index answers nothing.\n\n## What to do instead\n\nRebuild into a new folder.\n`,
    faq: `Q: Why rebuild?\nA: ${filler}\n`,
  };
  const related = (header.related ?? []).map((title) => `  - ${JSON.stringify(title)}`).join('\n');
  return [
    '---',
    `title: ${JSON.stringify(header.title)} # the page title`,
    'summary: "A page about keeping the search index in step with the atoms."',
    `type: ${type}`,
    'author: Sam Reyes',
    'created: "2026-01-05"',
    'version: "1.0.0"',
    'tags: [index, operations]',
    related ? `related:\n${related}` : 'related: []',
    ...(header.extra ? [header.extra] : []),
    '---',
    '',
    body[type] ?? '',
  ].join('\n');
}
