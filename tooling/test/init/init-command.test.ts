import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/atomkit.js', import.meta.url));
const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const init = (args: string[], cwd = root) => spawnSync(process.execPath, [BIN, 'init', ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });

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

  test('refuses to overwrite any file and writes nothing when one is in the way', () => {
    const kb = path.join(root, 'taken');
    mkdirSync(kb);
    writeFileSync(path.join(kb, 'package.json'), '{"name":"mine"}\n');
    const result = init(['--yes'], kb);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('already has a file atomkit init would write: package.json. Nothing was written.');
    expect(readdirSync(kb)).toEqual(['package.json']);
    expect(readFileSync(path.join(kb, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
  });

  test('an unusable answer given as an option is a usage error naming the option', () => {
    const result = init(['bad', '--yes', '--languages', 'English']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--languages "English": `English` is not a BCP 47 language tag');
    expect(existsSync(path.join(root, 'bad'))).toBe(false);
  });
});
