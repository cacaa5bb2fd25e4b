import { describe, expect, test } from 'vitest';
import { vitepressCode } from './vitepress-code.js';

describe('vitepressCode', () => {
  test('a Twoslash block keeps only what its page shows', () => {
    const block = ['```ts twoslash', "import 'vite/client'", '// @noErrors', '// ---cut---', "const url = import.meta.env.BASE_URL", '//    ^?', 'console.log(url)', '// ---cut-after---', 'export {}', '```'].join('\n');
    expect(vitepressCode(block)).toBe(['```ts', 'const url = import.meta.env.BASE_URL', 'console.log(url)', '```'].join('\n'));
  });

  test('a label after the language becomes the title, in a list item too, other meta kept', () => {
    expect(vitepressCode('1. Add it:\n\n   ```yaml [.gitlab-ci.yml]\n   pages: {}\n   ```')).toBe('1. Add it:\n\n   ```yaml title=".gitlab-ci.yml"\n   pages: {}\n   ```');
    expect(vitepressCode('```js{4} [vite.config.js]\nexport default {}\n```')).toBe('```js {4} title="vite.config.js"\nexport default {}\n```');
  });

  test('code without Twoslash is left as written, comments like its markers included, and so is a fence inside a longer one', () => {
    const plain = '```js\n// ---cut---\n// @ts-ignore\nrun()\n```';
    expect(vitepressCode(plain)).toBe(plain);
    const nested = '````md\n```js twoslash\n// ---cut---\n```\n````';
    expect(vitepressCode(nested)).toBe(nested);
  });
});
