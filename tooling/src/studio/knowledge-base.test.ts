import { describe, expect, test } from 'vitest';
import { nearDuplicate } from './knowledge-base.js';

describe('nearDuplicate', () => {
  test.each([
    ['Rebuild the index', ['Rebuild the indexes', 'Restore a backup'], 'Rebuild the indexes'],
    ['Rebuild the index', ['rebuild THE index!'], 'rebuild THE index!'],
    ['Rebuild the index', ['Rebuild the index'], undefined],
    ['Rotate the API key', ['Restore the chat database from a backup'], undefined],
    ['FAQ', ['FAX'], 'FAX'],
  ])('%s against %j is %s', (title, existing, expected) => {
    expect(nearDuplicate(title, existing)).toBe(expected);
  });
});
