import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generatedDir, renderSchemaModules } from '../../scripts/generate-schema-types.js';
import { renderSpokenWords, spokenWordsFile } from '../../scripts/generate-spoken-words.js';

describe('generated schema modules', () => {
  test.each([...renderSchemaModules()])('%s mirrors its JSON schema (run `npm run gen:schemas`)', (name, source) => {
    expect(readFileSync(path.join(generatedDir, name), 'utf8')).toBe(source);
  });
});

describe('generated spoken words', () => {
  test('spoken-words.ts holds the terms the tokenizer makes of the word list (run `npm run gen:words`)', () => {
    expect(readFileSync(spokenWordsFile, 'utf8')).toBe(renderSpokenWords());
  });
});
