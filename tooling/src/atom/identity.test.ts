import { describe, expect, test } from 'vitest';
import { titleSlug } from './identity.js';

describe('titleSlug', () => {
  test.each([
    ['Run lint locally!', 'run-lint-locally'],
    ['import/no-cycle', 'import-no-cycle'],
    ['Errors: frontmatter / schema', 'errors-frontmatter-schema'],
    ['/leading and trailing/', 'leading-and-trailing'],
    ['MD013 - Line length', 'md013-line-length'],
    ['Step 1 -- install', 'step-1-install'],
  ])('%s is filed as %s', (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });
});
