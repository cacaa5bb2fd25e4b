import { expect, test } from 'vitest';
import { jsonError } from './json-error.js';

test('says why and where a text is not JSON: at the token, or at the end when the text stops early', () => {
  expect(jsonError('{"a": 1}')).toBeUndefined();
  expect(jsonError('{\n  "a": 1,\n}')).toEqual({ reason: 'Expected double-quoted property name', at: { line: 3, column: 1 } });
  expect(jsonError('{\n  "a": [1,')).toEqual({ reason: 'Unexpected end of JSON input', at: { line: 2, column: 11 } });
});
