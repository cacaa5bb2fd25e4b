import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { writeMinScore } from './write-min-score.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configFile(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-min-score-'));
  dirs.push(dir);
  const file = path.join(dir, 'atomkit.config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('writeMinScore', () => {
  test('replaces a configured value in place, keeping every comment and other setting as written', () => {
    const file = configFile('# our knowledge base\nsite:\n  title: Ops KB # shown in the header\nbot:\n  minScore: 0.4 # raised after the outage\n  port: 8080\n');
    writeMinScore(file, 0.19);
    expect(readFileSync(file, 'utf8')).toBe('# our knowledge base\nsite:\n  title: Ops KB # shown in the header\nbot:\n  minScore: 0.19 # raised after the outage\n  port: 8080\n');
  });

  test('adds bot.minScore to a file that has no bot section, or a bot section without it', () => {
    const bare = configFile('site:\n  title: Ops KB\n');
    writeMinScore(bare, 0.21);
    expect(parse(readFileSync(bare, 'utf8'))).toEqual({ site: { title: 'Ops KB' }, bot: { minScore: 0.21 } });
    const withBot = configFile('bot:\n  port: 8080\n');
    writeMinScore(withBot, 0.3);
    expect(parse(readFileSync(withBot, 'utf8'))).toEqual({ bot: { port: 8080, minScore: 0.3 } });
  });

  test('a write that fails says why, and leaves the config as it was', () => {
    const file = configFile('bot:\n  minScore: 0.4\n');
    // Something already in the way of the copy it writes first: a folder of that name.
    const blocker = path.join(path.dirname(file), `.atomkit.config.yaml.${process.pid}.tmp`);
    mkdirSync(blocker);
    expect(() => writeMinScore(file, 0.2)).toThrow(/^Could not write bot\.minScore into .*atomkit\.config\.yaml: EEXIST.*\. The file is unchanged\.$/);
    expect(readFileSync(file, 'utf8')).toBe('bot:\n  minScore: 0.4\n');
    expect(readdirSync(path.dirname(file)).sort()).toEqual([`.atomkit.config.yaml.${process.pid}.tmp`, 'atomkit.config.yaml']);
  });

  test('leaves no temporary file beside the config', () => {
    const file = configFile('bot:\n  minScore: 0.4\n');
    writeMinScore(file, 0.2);
    expect(readdirSync(path.dirname(file))).toEqual(['atomkit.config.yaml']);
  });
});
