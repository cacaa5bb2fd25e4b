import { describe, expect, test } from 'vitest';
import { StudioError } from '../studio/errors.js';
import { mergeGitignore, mergePackageJson } from './merge.js';

const OURS = { scripts: { start: 'atomkit start', test: 'atomkit lint' }, devDependencies: { atomkit: '^1.0.0' } };

describe('mergeGitignore', () => {
  test('adds only the rules it lacks, however their slashes are written, below what was there', () => {
    const merged = mergeGitignore('/node_modules\n.atomkit\n# build\ndist/\n', 'node_modules/\n.atomkit/\nsite/dist/\n');
    expect(merged.added).toEqual(['site/dist/']);
    expect(merged.content).toBe('/node_modules\n.atomkit\n# build\ndist/\n\n# What atomkit writes: installed packages, the search index and caches, the built site\nsite/dist/\n');
  });

  test('a path they un-ignore stays un-ignored', () => {
    expect(mergeGitignore('site/*\n!site/dist/\n', 'site/dist/\n.atomkit/\n').added).toEqual(['.atomkit/']);
  });

  test('leaves a file that has every rule exactly as it was, last line without a newline included', () => {
    expect(mergeGitignore('node_modules/\n.atomkit/', 'node_modules/\n.atomkit/\n')).toEqual({ content: 'node_modules/\n.atomkit/', added: [], kept: [] });
  });

  test("keeps Windows line endings and ends the file's last line first", () => {
    expect(mergeGitignore('dist\r\nout', '.atomkit/\n').content).toBe('dist\r\nout\r\n\r\n# What atomkit writes: installed packages, the search index and caches, the built site\r\n.atomkit/\r\n');
  });
});

describe('mergePackageJson', () => {
  test('adds missing scripts and the dev dependency in the indentation of the file, keeping scripts of the same name', () => {
    const merged = mergePackageJson('{\n\t"name": "x",\n\t"scripts": {\n\t\t"test": "vitest"\n\t}\n}\n', 'package.json', OURS);
    expect(merged.added).toEqual(['scripts.start', 'devDependencies.atomkit']);
    expect(merged.kept).toEqual([{ name: 'test', theirs: 'vitest', ours: 'atomkit lint' }]);
    expect(merged.content).toBe('{\n\t"name": "x",\n\t"scripts": {\n\t\t"test": "vitest",\n\t\t"start": "atomkit start"\n\t},\n\t"devDependencies": {\n\t\t"atomkit": "^1.0.0"\n\t}\n}\n');
  });

  test('a dependency declared in any field is left where it is, and a file with everything it needs is left as it was', () => {
    const text = '{"scripts":{"start":"atomkit start","test":"atomkit lint"},"dependencies":{"atomkit":"file:../atomkit"}}';
    expect(mergePackageJson(text, 'package.json', OURS)).toEqual({ content: text, added: [], kept: [] });
  });

  test('sorts the new dependency in when the field was sorted, appends it when it was kept in an order of its own', () => {
    const sorted = JSON.parse(mergePackageJson('{"devDependencies":{"b":"1","z":"1"}}', 'package.json', OURS).content);
    expect(Object.keys(sorted.devDependencies)).toEqual(['atomkit', 'b', 'z']);
    const own = JSON.parse(mergePackageJson('{"devDependencies":{"z":"1","b":"1"}}', 'package.json', OURS).content);
    expect(Object.keys(own.devDependencies)).toEqual(['z', 'b', 'atomkit']);
  });

  test('keeps Windows line endings, a missing final newline, and reads past a byte order mark', () => {
    const merged = mergePackageJson('\uFEFF{\r\n  "name": "x"\r\n}', 'package.json', OURS).content;
    expect(merged.startsWith('{\r\n  "name": "x",\r\n  "scripts": {\r\n')).toBe(true);
    expect(merged.endsWith('\r\n}')).toBe(true);
  });

  test.each([
    ['{\n  "name": "x",\n}\n', 'package.json:3:1: Expected double-quoted property name. Nothing was written.'],
    ['{\n  "name": "x"', "package.json:2:14: Expected ',' or '}' after property value. Nothing was written."],
    ['', 'package.json:1:1: Unexpected end of JSON input. Nothing was written.'],
    ['["a"]', 'package.json: expected a JSON object, found an array. Nothing was written.'],
    ['{"scripts": ["lint"]}', 'package.json: "scripts" is an array, not an object. Nothing was written.'],
    ['{"devDependencies": "none"}', 'package.json: "devDependencies" is a string, not an object. Nothing was written.'],
  ])('%j is refused with where and what is wrong', (text, message) => {
    expect(() => mergePackageJson(text, 'package.json', OURS)).toThrow(StudioError);
    expect(() => mergePackageJson(text, 'package.json', OURS)).toThrow(message);
  });
});
