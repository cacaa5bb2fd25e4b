import { describe, expect, test } from 'vitest';
import { atomFromText } from '../../atom/load.js';
import { lintAtom } from '../engine.js';
import { atom, corpusFindings, filler, findings, header, procedureBody, settings } from '../test-helpers.js';

const ok = header() + procedureBody;
const configTemplate = (block: string) =>
  header({ type: 'config-template' }) +
  `\n${filler(150)}\n\n## When to use\n\n${filler(100)}\n\n## Template\n\n${block}\n\n## Parameters\n\n${filler(150)}\n`;

// Each row: rule code, the file text, the expected `code line:column` findings (empty: valid).
const cases: [string, string, string, string[]][] = [
  ['file/bom', 'valid without BOM', ok, []],
  ['file/bom', 'a BOM at the start', `\uFEFF${ok}`, ['file/bom 1:1']],
  ['file/line-endings', 'valid with LF', ok, []],
  ['file/line-endings', 'CRLF endings', ok.replace(/\n/g, '\r\n'), ['file/line-endings 1:4']],
  ['frontmatter/missing', 'no header', `# Title\n\n${filler(450)}\n`, ['frontmatter/missing 1:1']],
  ['frontmatter/missing', 'an empty file', '', ['frontmatter/missing 1:1']],
  ['frontmatter/unterminated', 'header never closed', '---\ntitle: x\n\nbody\n', ['frontmatter/unterminated 1:1']],
  ['frontmatter/yaml-syntax', 'unclosed flow list', header({ tags: '[queue' }) + procedureBody, ['frontmatter/yaml-syntax 9:1']],
  ['frontmatter/yaml-syntax', 'tab indentation', header({ related: '\n\t- x' }) + procedureBody, ['frontmatter/yaml-syntax 10:1']],
  ['frontmatter/yaml-syntax', 'a header of 99 unclosed flow sequences, reported once', header({ tags: '['.repeat(99) }) + procedureBody, ['frontmatter/yaml-syntax 9:1']],
  ['file/too-deep', 'valid nesting', ok, []],
  ['file/too-deep', '4,000 nested block quotes, at the 101st', `${header()}\n${'>'.repeat(4000)} x\n`, ['file/too-deep 12:101']],
  ['file/too-deep', 'emphasis nested 150 deep', `${header()}\n${'*a '.repeat(150)}x${' a*'.repeat(150)}\n`, ['file/too-deep 12:296']],
  ['file/too-deep', 'a header of 12,000 unclosed flow sequences, at the 101st', header({ tags: '['.repeat(12_000) }) + procedureBody, ['file/too-deep 8:107']],
  ['frontmatter/duplicate-key', 'a key set twice', header({ extra: undefined }).replace('author: ops', 'author: ops\nauthor: me') + procedureBody, ['frontmatter/duplicate-key 6:1']],
  ['frontmatter/schema', 'valid header', ok, []],
  ['frontmatter/schema', 'unknown type', header({ type: 'howto' }) + procedureBody, ['frontmatter/schema 4:7']],
  ['frontmatter/schema', 'date that is not a date', header({ created: '2025-13-45' }) + procedureBody, ['frontmatter/schema 6:10']],
  ['frontmatter/schema', 'a string where a list belongs', header({ tags: 'queue' }) + procedureBody, ['frontmatter/schema 8:7']],
  ['frontmatter/schema', 'a number where text belongs', header({ version: '1.0' }) + procedureBody, ['frontmatter/schema 7:10']],
  ['frontmatter/schema', 'unknown field, at its key', header({ titel: 'x' }) + procedureBody, ['frontmatter/schema 10:1']],
  ['frontmatter/schema', 'missing required field', header({ author: undefined }) + procedureBody, ['frontmatter/schema 2:1']],
  ['body/required-section', 'all sections', ok, []],
  ['body/required-section', 'no Verify section', header() + procedureBody.replace('## Verify', '## Afterwards'), ['body/required-section 4:7']],
  ['body/steps-numbered', 'numbered steps', ok, []],
  ['body/steps-numbered', 'bulleted steps', header() + procedureBody.replace('1. Drain it.\n2. Restart it.', '- Drain it.\n- Restart it.'), ['body/steps-numbered 20:1']],
  ['body/faq-format', 'Q/A pairs on consecutive lines and in paragraphs', `${ok}\n## FAQ\n\nQ: Why?\nA: Because.\n\nQ: And?\n\nA: Then.\n\nMore answer.\n\n\`\`\`sh\nnpm test\n\`\`\`\n`, []],
  ['body/faq-format', 'text before the first question', `${ok}\n## FAQ\n\nSome intro.\n\nQ: Why?\nA: Because.\n`, ['body/faq-format 31:1']],
  ['body/faq-format', 'a question without answer', `${ok}\n## FAQ\n\nQ: Why?\n`, ['body/faq-format 31:1']],
  ['body/faq-format', 'a faq atom with prose', header({ type: 'faq' }) + `\nQ: Why?\nA: ${filler(420)}\n\nJust prose.\n`, []],
  ['body/faq-format', 'a faq atom starting with prose', header({ type: 'faq' }) + `\nIntro.\n\nQ: Why?\nA: ${filler(420)}\n`, ['body/faq-format 12:1']],
  ['size/too-short', 'enough words', ok, []],
  ['size/too-short', 'a stub', header() + '\nToo short.\n\n## Prerequisites\n\nx\n\n## Steps\n\n1. a\n\n## Verify\n\nx\n', ['size/too-short 12:1']],
  ['size/too-long', 'too many words', header() + procedureBody.replace('## Verify\n\n', `## Verify\n\n${filler(500)}\n\n`), ['size/too-long 12:1']],
  ['size/too-long', "as many words, within a Japanese atom's limit (ja-JP uses ja's)", header({ language: 'ja-JP' }) + procedureBody.replace('## Verify\n\n', `## Verify\n\n${filler(500)}\n\n`), []],
  ['size/too-long', "over a Japanese atom's limit", header({ language: 'ja' }) + procedureBody.replace('## Verify\n\n', `## Verify\n\n${filler(700)}\n\n`), ['size/too-long 13:1']],
  ['size/too-short', "under a Japanese atom's minimum", header({ language: 'ja' }) + procedureBody, ['size/too-short 13:1']],
  ['config-template/invalid-code-block', 'valid yaml', configTemplate('```yaml\na: 1\n```'), []],
  ['config-template/invalid-code-block', 'invalid json at its line', configTemplate('```json\n{\n  "a": 1,\n}\n```'), ['config-template/invalid-code-block 23:1']],
  ['config-template/invalid-code-block', 'invalid yaml at its line', configTemplate('```yaml\na: 1\nb: [2\n```'), ['config-template/invalid-code-block 22:6']],
  ['config-template/invalid-code-block', 'no code block', configTemplate('Just words.'), ['config-template/invalid-code-block 18:1']],
  ['content/template-prompt', 'real content in every section', ok, []],
  ['content/template-prompt', 'a section prompt left under its heading', header() + procedureBody.replace('## Verify\n\n', '## Verify\n\nHow to check that it worked.\n\n'), ['content/template-prompt 27:1']],
  ['content/template-prompt', 'a prompt left above pasted content', header() + procedureBody.replace('## Prerequisites\n\n', '## Prerequisites\n\nRole, system state and inputs needed before step 1. Shell access.\n\n'), ['content/template-prompt 16:1']],
  ['content/template-prompt', 'the sample FAQ pair of `atomkit new`', `${ok}\n## FAQ\n\nQ: A question a reader would ask about this?\nA: The short answer, in one or two sentences.\n`, ['content/template-prompt 31:1', 'content/template-prompt 31:1']],
  ['content/template-prompt', 'the placeholder summary', header({ summary: '"One line: what this atom is for and in what context it applies."' }) + procedureBody, ['content/template-prompt 3:10']],
  ['content/template-prompt', 'a prompt quoted or in code as a mention', header() + procedureBody.replace('## Verify\n\n', '## Verify\n\nA Verify that says "How to check that it worked." is empty; so is `How to check that it worked.`\n\n```text\nHow to check that it worked.\n```\n\n'), []],
  ['markdown/final-newline', 'ends with a newline', ok, []],
  ['markdown/final-newline', 'no final newline', ok.trimEnd(), ['markdown/final-newline 27:762']],
  ['markdown/no-undefined-references', "a GitHub alert's marker", header() + procedureBody.replace('## Verify\n\n', '## Verify\n\n> [!WARNING]\n> Back up first.\n\n'), []],
  ['markdown/no-undefined-references', 'a reference with no definition', header() + procedureBody.replace('## Verify\n\n', '## Verify\n\nSee [the runbook].\n\n'), ['markdown/no-undefined-references 27:5']],
];

describe('file rules', () => {
  test.each(cases)('%s: %s', (code, _name, text, expected) => {
    expect(findings(text, code)).toEqual(expected);
  });

  test.each([
    ['block quotes', `${header()}\n${'>'.repeat(4000)} x\n`],
    ['list items', `${header()}\n${'- '.repeat(4000)}x\n`],
    ['header flow sequences', header({ tags: '['.repeat(12_000) }) + procedureBody],
  ])('a file nested thousands of levels deep in %s gets file/too-deep and nothing else', (_name, text) => {
    expect(lintAtom(atom(text), 'atoms/procedure/x.md', settings).map((d) => d.code)).toEqual(['file/too-deep']);
  });
});

describe('size rules by language', () => {
  const lint = (text: string, file: string) =>
    lintAtom(atomFromText(`/kb/atoms/${file}`, text, { root: '/kb/atoms', locales: ['ja'] }), `atoms/${file}`, settings).filter((d) => d.code.startsWith('size/'));

  test("an atom in a locale folder gets that language's limits, and the message names the setting", () => {
    const [long] = lint(header() + procedureBody.replace('## Verify\n\n', `## Verify\n\n${filler(700)}\n\n`), 'ja/procedure/x.md');
    expect(long?.message).toMatch(/^The atom has \d+ words, more than 1080 \(`lint\.languages\.ja\.maxWords`\);/);
  });

  test("the header's language wins over the folder's, and other languages keep lint.maxWords", () => {
    const text = header({ language: 'en' }) + procedureBody.replace('## Verify\n\n', `## Verify\n\n${filler(500)}\n\n`);
    expect(lint(text, 'ja/procedure/x.md').map((d) => d.message)).toEqual([expect.stringMatching(/more than 800; split/)]);
  });
});

const titled = (title: string, fields: Record<string, string> = {}) => header({ title, ...fields }) + procedureBody;

describe('corpus rules', () => {
  test.each([
    ['related/unresolved', 'resolves', [['procedure/a.md', titled('Alpha one', { related: '[Beta two]' })], ['procedure/b.md', titled('Beta two')]], []],
    ['related/unresolved', 'a typo', [['procedure/a.md', titled('Alpha one', { related: '[Beta tow]' })], ['procedure/b.md', titled('Beta two')]], ['atoms/procedure/a.md 9:11']],
    ['title/duplicate', 'same title twice', [['procedure/a.md', titled('Same')], ['procedure/b.md', titled('same')]], ['atoms/procedure/a.md 2:8', 'atoms/procedure/b.md 2:8']],
    ['title/duplicate', 'same title in two languages', [['procedure/a.md', titled('Same')], ['ja/procedure/b.md', titled('Same', { language: 'ja' })]], []],
    ['slug/duplicate', 'paths that slug alike', [['procedure/Run It.md', titled('One')], ['procedure/run-it.md', titled('Two')]], ['atoms/procedure/Run It.md 1:1', 'atoms/procedure/run-it.md 1:1']],
    ['translation/source-missing', 'source exists', [['procedure/a.md', titled('Alpha one')], ['ja/procedure/a.md', titled('アルファ', { language: 'ja', translation_of: 'Alpha one', source_version: '1.0.0' })]], []],
    ['translation/source-missing', 'no such source', [['ja/procedure/a.md', titled('アルファ', { language: 'ja', translation_of: 'Alpha none' })]], ['atoms/ja/procedure/a.md 11:17']],
    ['translation/same-language', 'same language', [['procedure/a.md', titled('Alpha one')], ['procedure/b.md', titled('Alpha copy', { translation_of: 'Alpha one', source_version: '1.0.0', language: 'en' })]], ['atoms/procedure/b.md 12:11']],
    ['translation/stale', 'up to date', [['procedure/a.md', titled('Alpha one')], ['ja/procedure/a.md', titled('アルファ', { language: 'ja', translation_of: 'Alpha one', source_version: '1.0.0' })]], []],
    ['translation/stale', 'source moved on', [['procedure/a.md', titled('Alpha one', { version: '1.2.0' })], ['ja/procedure/a.md', titled('アルファ', { language: 'ja', translation_of: 'Alpha one', source_version: '1.0.0' })]], ['atoms/ja/procedure/a.md 12:17']],
  ] as [string, string, [string, string][], string[]][])('%s: %s', (code, _name, files, expected) => {
    expect(corpusFindings(files, code)).toEqual(expected);
  });
});
