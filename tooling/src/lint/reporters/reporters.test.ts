import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../types.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';

const diagnostic: Diagnostic = {
  code: 'frontmatter/schema',
  severity: 'error',
  message: 'Unexpected `type` "howto", 50% sure: expected one of `error`, `faq`.',
  file: 'atoms/a,b:c.md',
  start: { line: 4, column: 7 },
  end: { line: 4, column: 12 },
  docsUrl: 'https://atomkit.dev/error/frontmatter-schema/',
  hint: 'Did you mean\r\n`faq`?',
};

describe('github reporter', () => {
  test('escapes %, CR and LF in the message and also : and , in properties', () => {
    expect(github([diagnostic])).toBe(
      '::error file=atoms/a%2Cb%3Ac.md,line=4,col=7,endLine=4,endColumn=12,title=frontmatter/schema::' +
        'Unexpected `type` "howto", 50%25 sure: expected one of `error`, `faq`.%0ADid you mean%0D%0A`faq`?%0ADocs: https://atomkit.dev/error/frontmatter-schema/\n',
    );
  });

  test('reports warnings as warning annotations', () => {
    expect(github([{ ...diagnostic, severity: 'warn' }])).toMatch(/^::warning /);
  });
});

describe('gitlab reporter', () => {
  const issues = (diagnostics: Diagnostic[]) => JSON.parse(gitlab(diagnostics)) as { check_name: string; description: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];

  test('writes a Code Quality issue per finding, errors as major and warnings as minor', () => {
    const [error, warning] = issues([diagnostic, { ...diagnostic, severity: 'warn', code: 'size/too-long', message: 'Too long.' }]);
    expect(error).toMatchObject({ check_name: 'frontmatter/schema', severity: 'major', location: { path: 'atoms/a,b:c.md', lines: { begin: 4 } } });
    expect(error!.description).toBe('Unexpected `type` "howto", 50% sure: expected one of `error`, `faq`. Did you mean\r\n`faq`?');
    expect(warning!.severity).toBe('minor');
  });

  test('fingerprints a finding by what it is, not by its line, and tells two alike apart', () => {
    const moved = issues([{ ...diagnostic, start: { line: 9, column: 1 } }])[0]!;
    expect(moved.fingerprint).toBe(issues([diagnostic])[0]!.fingerprint);
    const [first, second] = issues([diagnostic, { ...diagnostic, start: { line: 20, column: 1 } }]);
    expect(first!.fingerprint).not.toBe(second!.fingerprint);
    expect(first!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('sarif reporter', () => {
  test('writes SARIF 2.1.0 with rules that carry their help URI', () => {
    const log = JSON.parse(sarif([diagnostic])) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver.rules).toEqual([expect.objectContaining({ id: 'frontmatter/schema', helpUri: diagnostic.docsUrl })]);
    expect(log.runs[0]!.results[0]).toMatchObject({ ruleId: 'frontmatter/schema', level: 'error', locations: [{ physicalLocation: { region: { startLine: 4, startColumn: 7 } } }] });
  });
});

describe('pretty reporter', () => {
  test('shows the position, a code frame and a summary line', () => {
    const text = pretty([diagnostic], { sources: new Map([[diagnostic.file, '---\ntitle: x\nsummary: y\ntype: howto\n---\n']]), files: 3 });
    expect(text).toContain('atoms/a,b:c.md:4:7  error');
    expect(text).toContain('> 4 | type: howto');
    // The marker stands under the finding's columns (7 to 12: `howto`).
    const rows = text.split('\n');
    const row = rows.findIndex((r) => r.includes('> 4 | type: howto'));
    expect(rows[row + 1]!.indexOf('^^^^^')).toBe(rows[row]!.indexOf('howto'));
    expect(text).toContain('3 files checked: 1 error, 0 warnings');
  });

  test('frames a finding on a line of 100,000 characters by the columns around it, and thousands of them in proportion', () => {
    const source = `---\ntitle: x\n---\n\n${'a'.repeat(500)}BAD${'b'.repeat(100_000)}\n`;
    const finding: Diagnostic = { ...diagnostic, severity: 'warn', start: { line: 5, column: 501 }, end: { line: 5, column: 504 } };
    const frame = pretty([finding], { sources: new Map([[finding.file, source]]) }).split('\n');
    const line = frame.find((row) => row.includes('> 5 |'))!;
    expect(line).toContain(`…${'a'.repeat(60)}BAD${'b'.repeat(97)}…`);
    expect(line.length).toBeLessThan(200);
    expect(frame[frame.indexOf(line) + 1]!.indexOf('^^^')).toBe(line.indexOf('BAD'));
    const many = pretty(Array.from({ length: 5000 }, () => finding), { sources: new Map([[finding.file, source]]) });
    expect(many.length).toBeLessThan(5000 * 600);
  });

  test('frames a finding whose end is past the last line by its start', () => {
    const finding: Diagnostic = { ...diagnostic, start: { line: 3, column: 1 }, end: { line: 5, column: 2 } };
    const text = pretty([finding], { sources: new Map([[finding.file, 'a\nb\nc']]) });
    expect(text).toContain('> 3 | c');
  });
});
