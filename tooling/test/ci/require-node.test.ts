/** The Node.js check every command starts with (bin/require-node.js). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error a plain JavaScript module of the launcher, without types.
import { nodeTooOld } from '../../../bin/require-node.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tooOld = nodeTooOld as (version: string) => string | undefined;

describe('nodeTooOld', () => {
  test.each(['v20.20.2', 'v22.11.0', 'v22.15.1', 'v18.0.0'])('refuses %s in one sentence that names the Node.js needed and how to get it', (version) => {
    const message = tooOld(version)!;
    expect(message).toContain('Node.js 22.16 or newer');
    expect(message).toContain(version);
    expect(message).toMatch(/nodejs\.org|nvm install 24/);
    expect(message.split(/[.:] (?=[A-Z])/)).toHaveLength(1);
  });

  test.each(['v22.16.0', 'v22.20.1', 'v24.0.0', 'v26.1.0'])('accepts %s', (version) => {
    expect(tooOld(version)).toBeUndefined();
  });

  test('reads the oldest version from engines.node in package.json', () => {
    const { engines } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
    expect(engines.node).toBe('>=22.16');
  });
});

describe('bin/atomkit.js on a supported Node.js', () => {
  test('runs the command without the requirement sentence', () => {
    const run = spawnSync(process.execPath, ['bin/atomkit.js', '--version'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toContain('atomkit needs Node.js');
    expect(run.status).toBe(0);
  });
});

describe('bin/atomkit.js warnings', () => {
  test("holds back Node.js 22's warning that node:sqlite is experimental, and prints any other", () => {
    // What Node.js 22 emits when a store is opened, then another warning, after the launcher has run.
    const code = [
      `await import(${JSON.stringify(`${ROOT}bin/atomkit.js`)});`,
      "process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');",
      "process.emitWarning('Something else is experimental', 'ExperimentalWarning');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', code, 'atomkit', '--version'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('SQLite');
    expect(run.stderr).toContain('ExperimentalWarning: Something else is experimental');
  });
});
