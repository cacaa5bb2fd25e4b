import { describe, expect, test } from 'vitest';
import { dedent } from './indent.js';

describe('dedent', () => {
  test('takes off the indentation every line shares, blank lines aside', () => {
    expect(dedent('  * a\n    b\n\n  * c')).toBe('* a\n  b\n\n* c');
    expect(dedent('  ```js\n  const x = 1\n    y()\n  ```')).toBe('```js\nconst x = 1\n  y()\n```');
  });

  test('leaves text with an unindented line, or no text, as it is', () => {
    expect(dedent('a\n  b')).toBe('a\n  b');
    expect(dedent('')).toBe('');
  });
});
