import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { packageRoot } from '../../tooling/src/package/files.js';
import { UsageError } from '../../tooling/src/cli/usage-error.js';
import { checkInstallReach, installedPackageDir, linkRootPackages, servedPackageDirs } from './installed-packages.js';

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

describe(checkInstallReach, () => {
  test('lets a project build with atomkit installed in it, above it or beside it', () => {
    expect(() => checkInstallReach('/home/me/kb', ['/home/me/kb/node_modules'])).not.toThrow();
    expect(() => checkInstallReach('/repo/packages/docs', ['/repo/node_modules'])).not.toThrow();
    expect(() => checkInstallReach('/home/me/kb', ['/home/me/.npm/_npx/1f2e/node_modules'])).not.toThrow();
  });

  test('stops a project that shares no folder with the install but the root, naming both and the way out', () => {
    expect(() => checkInstallReach('/home/me/kb', ['/home/me/kb/node_modules', '/usr/lib/node_modules'])).toThrow(UsageError);
    expect(() => checkInstallReach('/app', ['/usr/local/lib/node_modules'])).toThrow(
      'The site cannot be built with atomkit installed in /usr/local/lib/node_modules: it shares no folder with the project in /app, and Astro cannot compile components from there. Install atomkit in the project (npm install --save-dev atomkit) or in a folder above it, and run that one (npx atomkit).',
    );
  });

  test('the folders of this install reach a project beside it', () => {
    expect(() => checkInstallReach(path.join(packageRoot(), '.atomkit', 'kb'))).not.toThrow();
  });
});
