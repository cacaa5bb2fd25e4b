import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packageFile, packageRoot, packageVersion } from './files.js';

describe('package files', () => {
  it('finds the package root that holds atomkit’s package.json and schemas', () => {
    expect(JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).name).toBe('atomkit');
    expect(existsSync(packageFile('schemas', 'atom.schema.json'))).toBe(true);
    expect(packageFile('x')).toBe(`${packageRoot()}/x`);
  });

  it('reads the version from the package manifest', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
