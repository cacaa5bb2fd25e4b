import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { packageManagerFor } from './package-manager.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-package-manager-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return dir;
}

describe('packageManagerFor', () => {
  test("package.json's packageManager comes first, with its version", () => {
    const dir = folder('declared', { 'package.json': '{"packageManager":"pnpm@10.4.1+sha512.abc"}', 'package-lock.json': '{}' });
    expect(packageManagerFor([dir], 'npm/11.6.0 node/v24.0.0')).toEqual({ name: 'pnpm', version: '10.4.1', declared: true });
  });

  test("then the lockfile, with the version of the package manager running init when it is that one", () => {
    const dir = folder('yarn', { 'package.json': '{"name":"x"}', 'yarn.lock': '' });
    expect(packageManagerFor([dir], 'npm/11.6.0 node/v24.0.0')).toEqual({ name: 'yarn', declared: false });
    expect(packageManagerFor([dir], 'yarn/1.22.22 npm/? node/v24.0.0')).toEqual({ name: 'yarn', version: '1.22.22', declared: false });
  });

  test("the knowledge base's own folder before the repository's root", () => {
    const top = folder('top', { 'pnpm-lock.yaml': '' });
    const kb = folder('top/kb', { 'bun.lock': '' });
    expect(packageManagerFor([kb, top], '').name).toBe('bun');
    expect(packageManagerFor([path.join(top, 'new'), top], '').name).toBe('pnpm');
  });

  test('then the package manager that ran init, else npm', () => {
    const empty = folder('empty', {});
    expect(packageManagerFor([empty], 'pnpm/12.25.1 npm/? node/v24.22.3 linux x64')).toEqual({ name: 'pnpm', version: '12.25.1', declared: false });
    expect(packageManagerFor([empty], '')).toEqual({ name: 'npm', declared: false });
  });

  test('a package.json that is not JSON leaves the choice to the lockfile', () => {
    const dir = folder('broken', { 'package.json': '{', 'pnpm-lock.yaml': '' });
    expect(packageManagerFor([dir], '').name).toBe('pnpm');
  });
});
