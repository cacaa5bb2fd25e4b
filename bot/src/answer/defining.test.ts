import { describe, expect, test } from 'vitest';
import { definingEntry, definingPassage } from './defining.js';

const TYPES = '| type | use it for | required sections |\n| --- | --- | --- |\n| `procedure` | planned work | Steps |\n| `pitfall` | a tempting mistake | What not to do, Why |';

describe('definingPassage', () => {
  test('an entry of a list quoted from inside a nested list is that entry alone, its default included', () => {
    const part = '  * `keepAliveTimeout` {number} The timeout after which an idle socket closes. May be overridden by *keep-alive* hints.\n    **Default:** `4e3`.\n  * `keepAliveMaxTimeout` {number} The maximum allowed timeout.';
    expect(definingPassage(part, 'keepAliveTimeout')?.passage).toBe('`keepAliveTimeout` {number} The timeout after which an idle socket closes. May be overridden by *keep-alive* hints. **Default:** `4e3`.');
  });

  test('reads a table row whose first cell is the name, its other cells under their column names', () => {
    expect(definingPassage(TYPES, 'pitfall')).toEqual({ passage: '`pitfall` — use it for: a tempting mistake; required sections: What not to do, Why.', form: 'entry' });
    // In a list of atom types, "pitfall" names "pitfall atom".
    expect(definingPassage(TYPES, 'pitfall atom')?.passage).toMatch(/^`pitfall` — /);
  });

  test('reads a list item that opens with the name in bold, in code or before a colon', () => {
    const list = '- **procedure or playbook?** A procedure is planned work.\n- `playbook`: starts from a trigger and says who to call.\n- Draft: not yet published.';
    expect(definingPassage(list, 'playbook')).toEqual({ passage: '`playbook`: starts from a trigger and says who to call.', form: 'entry' });
    expect(definingPassage(list, 'draft')?.passage).toBe('Draft: not yet published.');
    expect(definingEntry('- `E_MISSING`: there is no index there;\n- `E_CORRUPT`: a file is damaged.', 'E_MISSING')?.passage).toBe('`E_MISSING`: there is no index there.');
  });

  test('reads a sentence whose subject is the name and whose verb defines it', () => {
    const text = 'Catalogs are defined in `pnpm-workspace.yaml`. "_Catalogs_" are a workspace feature for sharing version ranges.';
    expect(definingPassage(text, 'catalog')).toEqual({ passage: '"_Catalogs_" are a workspace feature for sharing version ranges.', form: 'sentence' });
  });

  test('lets a sentence leave out a word of the name that the atom title says, and no other', () => {
    const text = 'The studio is for the people who run the interviews.';
    expect(definingPassage(text, 'authoring studio', 'Author atoms in the studio')?.passage).toBe(text);
    expect(definingPassage(text, 'authoring studio', 'Run the chat service')).toBeUndefined();
    expect(definingPassage('The service is a long-running process.', 'chat service')).toBeUndefined();
  });

  test('finds nothing in text that only mentions the name, or in code', () => {
    expect(definingPassage('Run a pitfall check before merging. The pitfall list is long.', 'pitfall')).toBeUndefined();
    expect(definingPassage('```md\nA pitfall is a mistake.\n```', 'pitfall')).toBeUndefined();
    expect(definingPassage('| a | b |\n| - | - |\n| x | y |', 'a')).toBeUndefined();
  });

  test('reads a Japanese sentence that opens with the name and its topic marker', () => {
    expect(definingPassage('プレイブックとは、アラートから始まる対応手順です。', 'プレイブック')?.passage).toBe('プレイブックとは、アラートから始まる対応手順です。');
  });

  test('finds the row of a table of error codes that a pasted code names, without the cells a reader does not need', () => {
    const codes = '| Code | Description | **How to solve** | Discussion |\n|---|---|---|---|\n| E_BODY_TOO_LARGE | The body is larger than the limit. | Increase `bodyLimit`. | - |\n| E_BODY_EMPTY | The body is empty. | Send a body. | [#12](https://github.com/acme/app/pull/12) |';
    expect(definingEntry(codes, 'E_BODY_TOO_LARGE')).toEqual({ passage: 'E_BODY_TOO_LARGE — description: The body is larger than the limit; how to solve: Increase `bodyLimit`.', form: 'entry' });
    expect(definingEntry(codes, 'E_BODY_EMPTY')?.passage).toBe('E_BODY_EMPTY — description: The body is empty; how to solve: Send a body.');
    // A sentence naming the code is not what the code means.
    expect(definingEntry('E_BODY_EMPTY is a code you will see often.', 'E_BODY_EMPTY')).toBeUndefined();
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  test('finds no definition in long hostile input', () => {
    const long = `${'| x | y |\n| - | - |\n'}${'| `a` | b |\n'.repeat(2000)}\n\n${'- a: b\n'.repeat(2000)}\n\n${'word '.repeat(4000)}is a thing.`;
    expect(definingPassage(long, 'pitfall')).toBeUndefined();
  });
});
