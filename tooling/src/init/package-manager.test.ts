import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { lockfileOf, packageManagerFor } from './package-manager.js';

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
    expect(packageManagerFor([dir], 'npm/11.6.0 node/v24.0.0')).toEqual({ name: 'pnpm', version: '10.4.1', declaredIn: path.join(dir, 'package.json') });
  });

  test("then the lockfile, with the version of the package manager running init when it is that one", () => {
    const dir = folder('yarn', { 'package.json': '{"name":"x"}', 'yarn.lock': '' });
    expect(packageManagerFor([dir], 'npm/11.6.0 node/v24.0.0')).toEqual({ name: 'yarn' });
    expect(packageManagerFor([dir], 'yarn/1.22.22 npm/? node/v24.0.0')).toEqual({ name: 'yarn', version: '1.22.22' });
  });

  test("the knowledge base's own folder before the repository's root", () => {
    const top = folder('top', { 'pnpm-lock.yaml': '' });
    const kb = folder('top/kb', { 'bun.lock': '' });
    expect(packageManagerFor([kb, top], '').name).toBe('bun');
    expect(packageManagerFor([path.join(top, 'new'), top], '').name).toBe('pnpm');
  });

  test('then the package manager that ran init, else npm', () => {
    const empty = folder('empty', {});
    expect(packageManagerFor([empty], 'pnpm/12.25.1 npm/? node/v24.22.3 linux x64')).toEqual({ name: 'pnpm', version: '12.25.1' });
    expect(packageManagerFor([empty], '')).toEqual({ name: 'npm' });
  });

  test('a package.json that is not JSON leaves the choice to the lockfile', () => {
    const dir = folder('broken', { 'package.json': '{', 'pnpm-lock.yaml': '' });
    expect(packageManagerFor([dir], '').name).toBe('pnpm');
  });
});

describe('lockfileOf', () => {
  test("a knowledge base in a workspace installs from the workspace root's lockfile", () => {
    const pnpm = folder('pnpm-workspace', { 'pnpm-workspace.yaml': "packages: ['docs/*']\n", 'pnpm-lock.yaml': '' });
    expect(lockfileOf('pnpm', path.join(pnpm, 'docs', 'kb'), pnpm)).toBe(path.join(pnpm, 'pnpm-lock.yaml'));
    const npm = folder('npm-workspaces', { 'package.json': '{"workspaces":["docs/kb"]}', 'package-lock.json': '{}' });
    expect(lockfileOf('npm', path.join(npm, 'docs', 'kb'), npm)).toBe(path.join(npm, 'package-lock.json'));
  });

  test('from its own lockfile when it has one, or when the root is no workspace (its first install writes one)', () => {
    const own = folder('own-lockfile', { 'pnpm-workspace.yaml': '', 'pnpm-lock.yaml': '' });
    folder('own-lockfile/kb', { 'pnpm-lock.yaml': '' });
    expect(lockfileOf('pnpm', path.join(own, 'kb'), own)).toBe(path.join(own, 'kb', 'pnpm-lock.yaml'));
    const service = folder('service-root', { 'package.json': '{"name":"svc"}', 'package-lock.json': '{}' });
    expect(lockfileOf('npm', path.join(service, 'kb'), service)).toBe(path.join(service, 'kb', 'package-lock.json'));
  });
});
