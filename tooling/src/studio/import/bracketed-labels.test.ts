import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../atom/markdown.js';
import { bracketedLabels } from './bracketed-labels.js';

describe('bracketedLabels', () => {
  test('writes collapsed, full and shortcut references to a bracketed label inline, and drops its definition', () => {
    const page = [
      'Implements [`client.close([callback])`][]. See [the method][`client.close([callback])`] and [`Buffer.from(array[, offset[, length]])`].',
      '',
      '[`client.close([callback])`]: Client.md#clientclosecallback',
      '[`Buffer.from(array[, offset[, length]])`]: https://nodejs.org/api/buffer.html#bufferfrom "Buffer.from"',
    ].join('\n');
    expect(bracketedLabels(page)).toBe(
      'Implements [`client.close([callback])`](Client.md#clientclosecallback). See [the method](Client.md#clientclosecallback) and [`Buffer.from(array[, offset[, length]])`](https://nodejs.org/api/buffer.html#bufferfrom "Buffer.from").\n',
    );
  });

  test('a definition that follows them is read as one again, and the page parses with no reference left unresolved', () => {
    const page = 'Implements [`client.closed`][] and [`client.close([callback])`][].\n\n[`client.close([callback])`]: Client.md#close\n[`client.closed`]: Client.md#closed\n';
    const kinds: string[] = [];
    visit(parseMarkdown(bracketedLabels(page)), (node) => {
      kinds.push(node.type);
    });
    expect(kinds.filter((kind) => kind === 'definition')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'link')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'linkReference')).toHaveLength(1);
    expect(bracketedLabels(page)).not.toContain('[`client.close([callback])`]:');
  });

  test('matches labels as CommonMark does, whatever their case and spacing', () => {
    expect(bracketedLabels('See [`Pool.close([cb])`][].\n\n[`pool.close([cb])`]:   Pool.md#close\n')).toBe('See [`Pool.close([cb])`](Pool.md#close).\n\n');
  });

  test('leaves fenced code, inline links, escaped brackets and labels without a definition as they are', () => {
    const page = [
      '```js',
      'const [a] = list; // [`x([y])`][]',
      '```',
      '[`x([y])`](Other.md) \\[`x([y])`] [`other([z])`][]',
      '',
      '[`x([y])`]: X.md',
    ].join('\n');
    expect(bracketedLabels(page)).toBe(['```js', 'const [a] = list; // [`x([y])`][]', '```', '[`x([y])`](Other.md) \\[`x([y])`] [`other([z])`][]', ''].join('\n'));
  });

  test('a page with no bracketed label comes back as it was, its own definitions too', () => {
    const page = 'See [Pool][] and [`arr[0]`].\n\n[Pool]: Pool.md\n';
    expect(bracketedLabels(page)).toBe(page);
  });

  test('a line of a great many brackets, nested or not, does not hold the import up', () => {
    const definition = '\n\n[`close([cb])`]: Client.md#close\n';
    for (const hostile of [`${'['.repeat(200_000)}${'x]'.repeat(100_000)}`, `${'['.repeat(900)}${']'.repeat(900)}`.repeat(200)]) {
      expect(bracketedLabels(`${hostile}${definition}`).startsWith(hostile)).toBe(true);
    }
  });
});
