import { describe, expect, test } from 'vitest';
import { mystDirectives } from './myst.js';

describe('mystDirectives', () => {
  test('an admonition, fenced with backticks or colons, becomes a directive titled by its argument, its options left out', () => {
    expect(mystDirectives('```{note}\nRead this.\n```')).toBe(':::note\nRead this.\n:::');
    expect(mystDirectives(':::{admonition} Before you begin\n:class: tip\n\nBack up first.\n:::')).toBe(':::note[Before you begin]\nBack up first.\n:::');
    expect(mystDirectives('```{seealso}\nThe API.\n```')).toBe(':::note[See also]\nThe API.\n:::');
  });

  test('code-block becomes fenced code with its language, its lines as written', () => {
    expect(mystDirectives('```{code-block} python\n:caption: app.py\n\nprint("{x}")\n```')).toBe('```python\nprint("{x}")\n```');
  });

  test('tabs and dropdowns become tabs and details; nested directives sit inside a longer fence', () => {
    const input = '::::{tab-set}\n:::{tab-item} pip\n```{warning}\nUse a venv.\n```\n:::\n::::';
    expect(mystDirectives(input)).toBe(':::::tabs\n::::tab[pip]\n:::warning\nUse a venv.\n:::\n::::\n:::::');
    expect(mystDirectives('```{dropdown} More\nHidden.\n```')).toBe(':::details[More]\nHidden.\n:::');
  });

  test('site-only directives, targets and comments are left out; roles become their text', () => {
    expect(mystDirectives('(install)=\n# Install\n% a note to editors\n```{toctree}\n:maxdepth: 2\nusage\n```\nText.')).toBe('# Install\nText.');
    expect(mystDirectives('See {ref}`the install guide <install>`, {doc}`usage`, run {command}`pip install x` and {py:func}`~pkg.run`.')).toBe(
      'See the install guide, usage, run `pip install x` and `pkg.run`.',
    );
  });

  test('plain fenced code is kept as written, directive-looking lines inside it too', () => {
    const code = '````md\n```{note}\nx\n```\n````';
    expect(mystDirectives(code)).toBe(code);
  });

  test('a hostile page of 20,000 nested directives, or as many unclosed ones, is read without overflowing the stack', () => {
    const nested = mystDirectives(`${'```{note}\n'.repeat(20_000)}x\n${'```\n'.repeat(20_000)}`);
    expect(nested).toContain('x');
    expect(nested.split('\n').filter((line) => /^:{3,}note$/.test(line)).length).toBeLessThanOrEqual(17);
    expect(() => mystDirectives(':::{note}\n'.repeat(20_000))).not.toThrow();
  });
});
