import { describe, expect, test } from 'vitest';
import { cleanMarkdown, escapeInline, joinParts } from './markdown.js';

describe('cleanMarkdown', () => {
  test('leaves out MDX components, imports, HTML comments and tags, keeping the text inside inline tags', () => {
    const mdx = "import Tabs from '@theme/Tabs';\n\n<DontEditWarning />\n\nPress <kbd>Ctrl</kbd> and C.<br/>\n\n<!-- hidden -->\n\n<Tabs>\n\nText.\n\n</Tabs>";
    expect(cleanMarkdown(mdx)).toBe('Press Ctrl and C.\n\nText.');
  });

  test('a tag that ends a block or a line leaves a space, so words either side do not run together', () => {
    expect(cleanMarkdown('<ul><li>one</li><li>two</li></ul>')).toBe('one two');
    expect(cleanMarkdown('Line one<br/>line two, <b>bold</b>ly.')).toBe('Line one line two, boldly.');
  });

  test('turns admonitions into a bold label and drops their closing line', () => {
    expect(cleanMarkdown(':::tip\n\nUse `pnpm`.\n\n:::')).toBe('**Tip:**\n\nUse `pnpm`.');
    expect(cleanMarkdown('::: warning Careful\nIt breaks.\n:::')).toBe('**Careful:**\nIt breaks.');
  });

  test('leaves out an HTML comment over several lines and labels a GitHub alert', () => {
    const node = '<!-- YAML\nadded: v3.2.0\n-->\n\n* Type: {boolean}\n\n> [!NOTE]\n> The pool waits for ALPN.';
    expect(cleanMarkdown(node)).toBe('* Type: {boolean}\n\n> **Note:**\n> The pool waits for ALPN.');
    expect(cleanMarkdown('```html\n<!-- open\n```\nAfter.')).toBe('```html\n<!-- open\n```\nAfter.');
  });

  test('a part that opens inside a nested list is dedented as a whole, its items kept at one level', () => {
    expect(cleanMarkdown('\n  * `keepAliveTimeout` The timeout.\n    **Default:** `4e3`.\n  * `keepAliveMaxTimeout` The maximum.\n')).toBe('* `keepAliveTimeout` The timeout.\n  **Default:** `4e3`.\n* `keepAliveMaxTimeout` The maximum.');
  });

  test('an HTML table of text is shown as the GFM table it stands for, in a list item too', () => {
    const table = '<table>\n  <tr><th>Option</th><th>Default</th></tr>\n  <tr><td><code>--port</code></td><td>8080</td></tr>\n</table>';
    expect(cleanMarkdown(`Options:\n\n${table}\n\nAfter.`)).toBe('Options:\n\n| Option | Default |\n| - | - |\n| `--port` | 8080 |\n\nAfter.');
    expect(cleanMarkdown(`1. Pick one:\n\n   ${table.replaceAll('\n', '\n   ')}`)).toBe('1. Pick one:\n\n   | Option | Default |\n   | - | - |\n   | `--port` | 8080 |');
  });

  test('an HTML table that holds blocks, or never closes, is left as its cells, one line each', () => {
    expect(cleanMarkdown('<table>\n<tr><th>Run</th></tr>\n<tr><td><pre>run()</pre></td></tr>\n</table>')).toBe('Run\nrun()');
    expect(cleanMarkdown('<table>\n<tr>\n<td>a</td>\n\nText.')).toBe('a\n\nText.');
  });

  // How long these take is measured in tooling/bench/hostile.bench.ts.
  test('reads thousands of unclosed HTML tables, each as its cells', () => {
    const cleaned = cleanMarkdown('<table><tr><td>cell</td>\n'.repeat(20_000));
    expect(cleaned.split('\n')).toHaveLength(20_000);
  });

  test('shows an example once when the next block is the same in the other module syntax (`mjs`, then `cjs`)', () => {
    const mjs = "```mjs\nimport { readFile } from 'node:fs';\n```";
    const cjs = "```cjs\nconst { readFile } = require('node:fs');\n```";
    expect(cleanMarkdown(`Read it:\n\n${mjs}\n\n${cjs}\n\nThen parse it.`)).toBe(`Read it:\n\n${mjs}\n\nThen parse it.`);
    // A block after prose, or of another language, is an example of its own.
    expect(cleanMarkdown(`${mjs}\n\nIn CommonJS:\n\n${cjs}`)).toBe(`${mjs}\n\nIn CommonJS:\n\n${cjs}`);
    expect(cleanMarkdown(`${mjs}\n\n\`\`\`console\n$ node app.mjs\n\`\`\``)).toContain('$ node app.mjs');
  });

  test('reads thousands of example pairs, and a twin that never closes', () => {
    const pairs = Array.from({ length: 5000 }, (_, i) => `\`\`\`mjs\nimport x${i} from 'x';\n\`\`\`\n\n\`\`\`cjs\nconst x${i} = require('x');\n\`\`\``).join('\n\n');
    const cleaned = cleanMarkdown(`${pairs}\n\n\`\`\`mjs\nimport y from 'y';\n\`\`\`\n\n\`\`\`cjs\nconst y = require('y');`);
    expect(cleaned).not.toContain("require('x')");
    expect(cleaned).toContain("const y = require('y');");
  });

  test('never touches code blocks or code spans', () => {
    const text = 'Run `<Tabs>` here:\n\n```tsx\n<Tabs>\n\n:::tip\n</Tabs>\n```';
    expect(cleanMarkdown(text)).toBe(text);
  });
});

describe('joinParts', () => {
  test('joins a code block the indexer closed at the end of one part and reopened in the next', () => {
    const parts = [{ text: '4. Read it:\n\n   ```text\n   line 1\n   ```' }, { text: '```text\n       hint: quote it\n\n   summary\n   ```', continues: true }, { text: '5. Fix it.' }];
    expect(joinParts(parts)).toBe('4. Read it:\n\n   ```text\n   line 1\n       hint: quote it\n\n   summary\n   ```\n\n5. Fix it.');
  });

  test('keeps apart two code blocks that only look alike, the second opening a part of its own', () => {
    const parts = [{ text: 'Four ways:\n\n```mjs\nd.destroy()\n```' }, { text: '```mjs\nimport { Client } from "undici"\n```' }];
    expect(joinParts(parts)).toBe('Four ways:\n\n```mjs\nd.destroy()\n```\n\n```mjs\nimport { Client } from "undici"\n```');
  });

  test('joins a table the indexer cut between parts into one table under one head', () => {
    const head = '| Option | Meaning |\n| --- | --- |';
    expect(joinParts([{ text: `Options:\n\n${head}\n| a | 1 |` }, { text: `${head}\n| b | 2 |`, continues: true }, { text: 'After.' }])).toBe(`Options:\n\n${head}\n| a | 1 |\n| b | 2 |\n\nAfter.`);
  });

  test('keeps two tables with different heads apart', () => {
    expect(joinParts([{ text: '| a |\n| - |\n| 1 |' }, { text: '| b |\n| - |\n| 2 |', continues: true }])).toBe('| a |\n| - |\n| 1 |\n\n| b |\n| - |\n| 2 |');
  });

  test('joins thousands of parts of one code block into one block', () => {
    const parts = Array.from({ length: 5000 }, (_, i) => ({ text: `\`\`\`sh\necho ${i}\n\`\`\``, continues: i > 0 }));
    const joined = joinParts(parts);
    expect(joined.match(/```/g)).toHaveLength(2);
    expect(joined.split('\n')).toHaveLength(5002);
  });

  test('goes on with a paragraph the indexer cut inside a sentence, in the same paragraph; a part that begins a sentence or a block stays apart', () => {
    const cut = [{ text: 'The response has `degraded` (true when the model failed and the' }, { text: 'answer fell back), `language` and `cached`.', continues: true }];
    expect(joinParts(cut)).toBe('The response has `degraded` (true when the model failed and the\nanswer fell back), `language` and `cached`.');
    expect(joinParts([{ text: 'アトムは一つの考えを書いた小さな' }, { text: 'ファイルです。', continues: true }])).toBe('アトムは一つの考えを書いた小さな\nファイルです。');
    expect(joinParts([{ text: 'It fell back.' }, { text: 'Then it answered.', continues: true }])).toBe('It fell back.\n\nThen it answered.');
    expect(joinParts([{ text: 'Steps, in order' }, { text: '1. Run it.', continues: true }])).toBe('Steps, in order\n\n1. Run it.');
    // Not cut by the indexer: two units of a section are two paragraphs.
    expect(joinParts([{ text: 'Options' }, { text: 'more text' }])).toBe('Options\n\nmore text');
  });

  test('keeps the indentation of a part that begins inside a list item', () => {
    expect(joinParts([{ text: '1. One:\n   ```sh\n   a\n   ```' }, { text: '   Then this.\n2. Two.', continues: true }])).toBe('1. One:\n   ```sh\n   a\n   ```\n\n   Then this.\n2. Two.');
  });
});

describe('escapeInline', () => {
  test('writes a title with a placeholder or emphasis marks as the text it is', () => {
    expect(escapeInline('pnpm add <pkg>')).toBe('pnpm add \\<pkg\\>');
    expect(escapeInline('snake_case and *stars*')).toBe('snake\\_case and \\*stars\\*');
  });
});

test('cleanMarkdown keeps entities, which decoded would read as tags', () => {
  expect(cleanMarkdown('Selects packages changed since &lt;since>.')).toBe('Selects packages changed since &lt;since>.');
});
