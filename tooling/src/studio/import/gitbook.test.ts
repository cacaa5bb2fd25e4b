import { describe, expect, test } from 'vitest';
import { gitbookBlocks } from './gitbook.js';

describe('gitbookBlocks', () => {
  test('a hint becomes the callout of its style, tabs the tabs directives with their titles', () => {
    expect(gitbookBlocks('{% hint style="success" %}\nIt worked.\n{% endhint %}')).toBe(':::tip\nIt worked.\n:::');
    expect(gitbookBlocks('{% hint style="danger" %}\nStop.\n{% endhint %}')).toBe(':::danger\nStop.\n:::');
    expect(gitbookBlocks('{% tabs %}\n{% tab title="npm" %}\nnpm i\n{% endtab %}\n{% endtabs %}')).toBe('::::tabs\n:::tab[npm]\nnpm i\n:::\n::::');
  });

  test('a code block takes its title; a content reference keeps its link; an embed and a file become links', () => {
    expect(gitbookBlocks('{% code title="app.js" lineNumbers="true" %}\n```js\nrun()\n```\n{% endcode %}')).toBe('```js title="app.js"\nrun()\n```');
    expect(gitbookBlocks('{% content-ref url="install.md" %}\n[install.md](install.md)\n{% endcontent-ref %}')).toBe('[install.md](install.md)');
    expect(gitbookBlocks('{% embed url="https://example.org/tour" %}\nA tour\n{% endembed %}')).toBe('[A tour](https://example.org/tour)');
    expect(gitbookBlocks('The log format is in {% file src=".gitbook/assets/Log format.pdf" %}.')).toBe('The log format is in [Log format.pdf](<.gitbook/assets/Log format.pdf>).');
  });

  test('other tags are left out with their text kept, and code is never touched', () => {
    expect(gitbookBlocks('{% swagger method="get" %}\nGET /orders\n{% endswagger %}\n\nUse `{% hint %}` here.')).toBe('GET /orders\n\nUse `{% hint %}` here.');
    expect(gitbookBlocks('```liquid\n{% hint style="info" %}\n```')).toBe('```liquid\n{% hint style="info" %}\n```');
    // An unclosed hint is no block: its tag goes, its text stays.
    expect(gitbookBlocks('{% hint style="info" %}\nNote this.')).toBe('\nNote this.');
  });

  test('hints nested deeper than any page nests them are read in one pass', () => {
    const deep = `${'{% hint %}\n'.repeat(3000)}text\n${'{% endhint %}\n'.repeat(3000)}`;
    expect(gitbookBlocks(deep)).toContain('text');
  });
});
