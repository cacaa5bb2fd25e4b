import { expect, test } from 'vitest';
import { yamlError } from './yaml-error.js';

test('says why and where a text is not YAML, in one line without a trailing period, a duplicate key included', () => {
  expect(yamlError('a: 1\n')).toBeUndefined();
  expect(yamlError('build:\n  script: [make\n')).toEqual({ reason: 'Flow sequence in block collection must be sufficiently indented and end with a ]', at: { line: 3, column: 1 } });
  expect(yamlError('a: 1\nb: 2\na: 3\n')).toEqual({ reason: 'Map keys must be unique', at: { line: 3, column: 1 } });
});
