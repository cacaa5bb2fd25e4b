import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from './load.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-config-find-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('finding the configuration', () => {
  const kb = path.join(root, 'kb');
  const deep = path.join(kb, 'atoms', 'procedure');
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(kb, 'atomkit.config.yaml'), 'atoms:\n  dir: knowledge\n');

  test('searches upward from the working folder, and paths in it are relative to the config file', () => {
    const config = loadConfig({ cwd: deep, env: {} });
    expect(config.file).toBe(path.join(kb, 'atomkit.config.yaml'));
    expect(config.root).toBe(kb);
    expect(config.atoms.dirAbs).toBe(path.join(kb, 'knowledge'));
  });

  test('the nearest config file wins over one further up', () => {
    const nested = path.join(kb, 'nested');
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(nested, 'atomkit.config.yaml'), 'atoms:\n  dir: mine\n');
    expect(loadConfig({ cwd: path.join(nested), env: {} }).atoms.dirAbs).toBe(path.join(nested, 'mine'));
  });

  test('an explicit file is resolved from the working folder, its paths from its own folder', () => {
    const config = loadConfig({ cwd: root, file: 'kb/atomkit.config.yaml', env: {} });
    expect(config.atoms.dirAbs).toBe(path.join(kb, 'knowledge'));
  });

  test('without a config file anywhere above, the working folder is the project root', () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'atomkit-config-none-'));
    try {
      const config = loadConfig({ cwd: bare, env: {} });
      expect(config.file).toBeUndefined();
      expect(config.root).toBe(bare);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
