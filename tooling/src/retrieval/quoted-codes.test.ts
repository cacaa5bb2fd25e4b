import { describe, expect, test } from 'vitest';
import { errorCodes, quotedCodes } from './quoted-codes.js';

const codes = errorCodes([
  { atomId: 'error/e104', code: 'E104' },
  { atomId: 'error/schema', code: 'frontmatter/schema' },
  { atomId: 'error/schema', code: 'ATOMKIT_ERR_SCHEMA' },
  { atomId: 'reference/errors', code: 'TypeError' },
  { atomId: 'reference/errors', code: 'X' },
  { atomId: 'error/media', code: 'ERR_UNSUPPORTED_MEDIA_TYPE' },
]);

describe('quotedCodes', () => {
  test('finds a code quoted as a whole token, in any case, and not inside a longer code', () => {
    expect(quotedCodes('npm ERR! code e104 while installing', codes)).toEqual(new Map([['error/e104', 'E104']]));
    expect(quotedCodes('npm ERR! code E1042', codes)).toEqual(new Map());
    expect(quotedCodes('ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE', codes)).toEqual(new Map());
  });

  test('a code with punctuation in it matches between any characters, and an atom is found once, by the first of its codes found', () => {
    expect(quotedCodes('atoms/a.md:1:1 error frontmatter/schema: unknown field (ATOMKIT_ERR_SCHEMA)', codes)).toEqual(new Map([['error/schema', 'frontmatter/schema']]));
  });

  test("a built-in error class and a one-character code are no code: every pasted JavaScript error names one", () => {
    expect(codes.map((code) => code.code)).not.toContain('TypeError');
    expect(codes.map((code) => code.code)).not.toContain('X');
    expect(quotedCodes('TypeError: fetch failed at X', codes)).toEqual(new Map());
  });

  test('a code is compared in NFKC: full-width letters and digits are the same code', () => {
    expect(quotedCodes('エラー Ｅ１０４ が出ました', codes)).toEqual(new Map([['error/e104', 'E104']]));
  });
});
