import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { packageRoot } from '../../tooling/src/package/files.js';
import { installedPackageDir, linkRootPackages, servedPackageDirs } from './installed-packages.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fromRoot = (root: string) => pathToFileURL(path.join(root, 'package.json')).href;

describe(linkRootPackages, () => {
  test('gives a project root outside the install the astro and Starlight that atomkit runs', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-root-'));
    made.push(root);
    expect(installedPackageDir('astro', fromRoot(root))).toBeUndefined();
    linkRootPackages(root);
    linkRootPackages(root);
    for (const name of ['astro', '@astrojs/starlight']) expect(installedPackageDir(name, fromRoot(root))).toBe(installedPackageDir(name));
  });

  test('replaces a link left by an install elsewhere', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-root-'));
    made.push(root);
    mkdirSync(path.join(root, 'node_modules'));
    symlinkSync(path.join(root, 'gone'), path.join(root, 'node_modules/astro'), 'junction');
    linkRootPackages(root);
    expect(installedPackageDir('astro', fromRoot(root))).toBe(installedPackageDir('astro'));
  });

  test('leaves a project root that resolves them already as it is', () => {
    mkdirSync(path.join(packageRoot(), '.atomkit'), { recursive: true });
    const root = mkdtempSync(path.join(packageRoot(), '.atomkit', 'root-'));
    made.push(root);
    linkRootPackages(root);
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
  });
});

describe(servedPackageDirs, () => {
  test('serves the node_modules folder that holds astro and Starlight, and the package itself', () => {
    expect(servedPackageDirs()).toEqual([packageRoot(), path.join(packageRoot(), 'node_modules')]);
  });
});
