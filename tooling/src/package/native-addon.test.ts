import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { addonFailure, addonTrouble } from './native-addon.js';

const require = createRequire(import.meta.url);
const temp = mkdtempSync(path.join(os.tmpdir(), 'atomkit-addon-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A package folder installed as npm installs it, with its addon's build skipped. */
function installedPackage(name: string): string {
  const root = path.join(temp, 'node_modules', name);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
  return root;
}

/** What the loader throws, caught. */
function thrown(load: () => unknown): unknown {
  try {
    load();
  } catch (error) {
    return error;
  }
  throw new Error('the load did not fail');
}

describe('addonFailure', () => {
  test('a package whose install script never ran (bindings finds no compiled addon) was never built', () => {
    const root = installedPackage('hnswlib-node');
    const bindings = require('bindings') as (options: { bindings: string; module_root: string }) => unknown;
    const failure = addonFailure(thrown(() => bindings({ bindings: 'addon', module_root: root })));
    expect(failure).toEqual({ packageName: 'hnswlib-node', reason: 'not-built', detail: 'Could not locate the bindings file. Tried:' });
  });

  test('a file Node.js cannot load as an addon is unloadable, named by the package that holds it', () => {
    const root = installedPackage('@scope/native');
    const file = path.join(root, 'build/Release/addon.node');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'not a shared object');
    const failure = addonFailure(thrown(() => process.dlopen({ exports: {} }, file)));
    expect(failure).toMatchObject({ packageName: '@scope/native', reason: 'unloadable' });
    expect(failure!.detail).toContain(file);
    expect(failure!.detail).not.toContain('\n');
  });

  test('any other failure of an import is not an addon failure', () => {
    expect(addonFailure(thrown(() => JSON.parse('{')))).toBeUndefined();
    expect(addonFailure(thrown(() => require(path.join(temp, 'nowhere.cjs'))))).toBeUndefined();
    expect(addonFailure('Could not locate the bindings file')).toBeUndefined();
  });
});

describe('addonTrouble', () => {
  test('an addon never built is approved and rebuilt', () => {
    expect(addonTrouble('hnswlib-node', { packageName: 'hnswlib-node', reason: 'not-built', detail: '' })).toBe(
      "its native addon was never built (npm 12 and later skip a dependency's install script until the project approves it): run `npm install-scripts approve hnswlib-node` and `npm rebuild hnswlib-node`",
    );
  });

  test('the addon of a package the optional one loads is named as that package, and rebuilt there', () => {
    const trouble = addonTrouble('@huggingface/transformers', { packageName: 'onnxruntime-node', reason: 'unloadable', detail: 'libonnxruntime.so.1: cannot open shared object file' });
    expect(trouble).toBe('the native addon of onnxruntime-node, which it loads, does not load (libonnxruntime.so.1: cannot open shared object file): run `npm rebuild onnxruntime-node`');
  });

  test('an addon outside any node_modules folder is taken for the optional package itself', () => {
    expect(addonTrouble('hnswlib-node', { packageName: undefined, reason: 'unloadable', detail: 'x' })).toContain('`npm rebuild hnswlib-node`');
  });
});
