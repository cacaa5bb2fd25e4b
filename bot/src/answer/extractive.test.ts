import { describe, expect, test } from 'vitest';
import { atomFromText } from '../../../tooling/src/atom/load.js';
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import { chunkAtom, estimateTokens } from '../../../tooling/src/retrieval/chunk.js';
import { toHit } from '../../../tooling/src/retrieval/retriever.js';
import { composeExtractive } from './extractive.js';

const hit = (extra: Partial<SearchHit>): SearchHit => ({
  unitId: 'procedure/run-lint#steps',
  atomId: 'procedure/run-lint',
  title: 'Run lint locally',
  summary: 'Check atoms before a pull request.',
  type: 'procedure',
  tags: ['lint'],
  language: 'en',
  kind: 'section',
  section: 'Steps',
  anchor: 'steps',
  pageUrl: '/procedure/run-lint/',
  url: '/procedure/run-lint/#steps',
  text: '1. Open a terminal.\n2. Run the linter:\n\n   ```sh\n   npx atomkit lint\n   ```\n\n3. Fix what it reports.',
  score: 1,
  confidence: 0.8,
  ...extra,
});

/** The Fix section of a troubleshooting atom that lists error codes in a table. */
const errorsFix = (text: string): SearchHit =>
  hit({ unitId: 'troubleshooting/errors#fix', atomId: 'troubleshooting/errors', title: 'Errors', type: 'troubleshooting', section: 'Fix', anchor: 'fix', text });

/** A sub-headed key of a reference page. */
const option = (name: string, text: string) => `#### ${name}\n\n${text}`;

/** The Input section of a reference atom, its blocks apart. */
const referenceInput = (atomId: string, title: string, blocks: readonly string[]): SearchHit =>
  hit({ unitId: `${atomId}#input`, atomId, title, type: 'interface-input', section: 'Input', anchor: 'input', text: blocks.join('\n\n') });

describe('composeExtractive', () => {
  test('quotes the best section with its citation, keeps steps and code intact, and says no model was used', () => {
    const { answer, citations } = composeExtractive('how do I run the linter', [hit({})], { language: 'en', minScore: 0.2 });
    expect(answer).toBe(
      'From **Run lint locally** › Steps [1]:\n\n1. Open a terminal.\n2. Run the linter:\n\n   ```sh\n   npx atomkit lint\n   ```\n\n3. Fix what it reports.\n\n_Quoted from the atoms; no language model was used._',
    );
    expect(citations).toEqual([
      expect.objectContaining({ n: 1, title: 'Run lint locally', url: '/procedure/run-lint/#steps', section: 'Steps', atomId: 'procedure/run-lint' }),
    ]);
  });

  test('leads with a matching FAQ answer', () => {
    const faq = hit({
      unitId: 'procedure/run-lint#faq-1',
      kind: 'faq',
      section: 'Can I lint a single atom?',
      question: 'Can I lint a single atom?',
      answer: 'Yes. Pass its path to `npx atomkit lint`.',
      url: '/procedure/run-lint/#faq',
      confidence: 0.9,
    });
    const { answer, citations } = composeExtractive('can I lint a single atom', [faq, hit({ confidence: 0.85 })], { language: 'en', minScore: 0.2 });
    expect(answer.startsWith('Yes. Pass its path to `npx atomkit lint`. [1]\n\nMore in **Run lint locally** › Steps [2]:')).toBe(true);
    expect(citations.map((c) => c.url)).toEqual(['/procedure/run-lint/#faq', '/procedure/run-lint/#steps']);
    expect(citations[0]!.section).toBe('Can I lint a single atom?');
  });

  test("leads with a faq atom's pair whose words are its title's, and with the whole answer when the index cut it into parts", () => {
    // An imported FAQ page of one question: its title is the question.
    const question = 'Why does my node_modules folder use disk space if packages are stored in a global store?';
    const pair = (n: number, text: string) =>
      hit({ unitId: `faq/disk-space#/1@${n}`, atomId: 'faq/disk-space', type: 'faq', title: `Frequently Asked Questions: ${question}`, kind: 'faq', section: question, question, answer: text, text, anchor: undefined, url: '/faq/disk-space/', confidence: 0.9 });
    const first = pair(1, `Q: ${question}\n\nA: pnpm creates hard links from the global store to node_modules.`);
    const links = pair(2, 'For more on this subject:\n\n* [Hard links](https://example.org/hard-links)');
    const { answer } = composeExtractive('why does node_modules take so much disk if pnpm has a global store', [links, first], { language: 'en', minScore: 0.2, atomUnits: [first, links] });
    expect(answer).toMatch(/^\*\*Why does my node_modules folder use disk space if packages are stored in a global store\?\*\* pnpm creates hard links from the global store to node_modules\. \[1\]\n\nFor more on this subject:/);
  });

  test("shows the FAQ's own question above its answer when the reader asked more than it: a yes does not answer \"is this a bug?\"", () => {
    const faq = hit({ unitId: 'faq/chat#/3', atomId: 'faq/chat', type: 'faq', title: 'Chat questions', kind: 'faq', section: 'Can I ask in Japanese?', question: 'Can I ask in Japanese?', answer: 'Of course. English atoms are quoted when no Japanese one fits.', confidence: 0.9 });
    const { answer } = composeExtractive('I asked the chat in Japanese and the answer quoted an English page. Is that a bug?', [faq], { language: 'en', minScore: 0.2 });
    expect(answer.startsWith('**Can I ask in Japanese?** Of course.')).toBe(true);
    expect(composeExtractive('can I ask in japanese', [faq], { language: 'en', minScore: 0.2 }).answer.startsWith('Of course.')).toBe(true);
  });

  test('answers a how-to that names its page from that page, not from another page\'s FAQ holding fewer of its words', () => {
    const kinds = hit({ unitId: 'faq/atomkit#/2', atomId: 'faq/atomkit', type: 'faq', title: 'atomkit frequently asked questions', kind: 'faq', section: 'What kinds of atoms can I write?', question: 'What kinds of atoms can I write?', answer: 'Eight types: error, procedure, playbook and more.', confidence: 1 });
    const steps = hit({ unitId: 'procedure/write-your-first-atom#steps', atomId: 'procedure/write-your-first-atom', title: 'Write your first atom', section: 'Steps', anchor: 'steps', text: '1. Pick the type.\n2. Scaffold it: `npx atomkit new procedure "Restart the chat service"`.\n3. Fill the header.', confidence: 1 });
    const { answer } = composeExtractive('how do I write my first atom?', [steps, kinds], { language: 'en', minScore: 0.2, atomUnits: [steps] });
    expect(answer.startsWith('From **Write your first atom** › Steps [1]:\n\n1. Pick the type.\n2. Scaffold it')).toBe(true);
    expect(answer).not.toContain('Eight types');
    // A FAQ that holds more of the question than the page's title still leads.
    expect(composeExtractive('what kinds of atoms can I write?', [steps, kinds], { language: 'en', minScore: 0.2, atomUnits: [steps] }).answer.startsWith('Eight types: error')).toBe(true);
  });

  test('leads a question of two words with the FAQ the search ranked first when it shares one of them besides the title', () => {
    const windows = hit({ unitId: 'error/line-endings#faq/3', atomId: 'error/line-endings', title: 'file/line-endings: the file uses CRLF line endings', type: 'error', kind: 'faq', section: 'Does atomkit work on Windows?', question: 'Does atomkit work on Windows?', answer: 'Yes. Keep atoms in LF with a `.gitattributes` rule.', confidence: 0.25 });
    const causes = hit({ unitId: 'error/line-endings#causes', atomId: 'error/line-endings', title: windows.title, type: 'error', section: 'Causes', anchor: 'causes', text: '- The atom was written on Windows with `core.autocrlf` off.', confidence: 0.25 });
    const { answer } = composeExtractive('is windows supported', [windows, causes], { language: 'en', minScore: 0.1 });
    expect(answer.startsWith('**Does atomkit work on Windows?** Yes. Keep atoms in LF')).toBe(true);
  });

  const skipFaq = hit({
    unitId: 'procedure/run-lint#faq-5',
    kind: 'faq',
    section: 'A full lint of a big knowledge base is slow. Can it skip atoms that did not change?',
    question: 'A full lint of a big knowledge base is slow. Can it skip atoms that did not change?',
    answer: 'Yes: `npx atomkit lint --cache` parses only the atoms whose content changed.',
    url: '/procedure/run-lint/#faq',
  });
  const longSteps = hit({ text: [1, 2, 3, 4, 5, 6].map((n) => `${n}. Step ${n} ${'word '.repeat(60).trim()}.`).join('\n') });
  const slowQuestion = 'linting our 3000 atoms locally takes ages every time, can it skip the files nobody touched?';

  test('leads with the FAQ the search ranked first when it shares two words of a long question besides the title, after the question it answers, then quotes half a budget of the section', () => {
    const { answer } = composeExtractive(slowQuestion, [skipFaq, longSteps], { language: 'en', minScore: 0.2, atomUnits: [longSteps], maxWords: 140 });
    expect(answer.split('\n\n').slice(0, 4)).toEqual([
      '**A full lint of a big knowledge base is slow. Can it skip atoms that did not change?** Yes: `npx atomkit lint --cache` parses only the atoms whose content changed. [1]',
      'More in **Run lint locally** › Steps [2]:',
      `1. Step 1 ${'word '.repeat(60).trim()}.`,
      '…',
    ]);
  });

  test('shows the FAQ question before its answer when the reader asked something else: "No." answers that question', () => {
    const faq = hit({ unitId: 'error/title-duplicate#faq-1', atomId: 'error/title-duplicate', title: 'title/duplicate: two atoms have the same title', kind: 'faq', question: 'Can two atoms of different types share a title?', answer: 'No. Titles are unique across the knowledge base.', confidence: 0.9 });
    const { answer } = composeExtractive('can two atoms have the same title if their types differ', [faq], { language: 'en', minScore: 0.2 });
    expect(answer.split('\n\n')[0]).toBe('**Can two atoms of different types share a title?** No. Titles are unique across the knowledge base. [1]');
  });

  test('puts a FAQ answer that opens with a list on its own lines after the question, and the citation after the question, not on the last item', () => {
    const faq = hit({ unitId: 'procedure/run-lint#faq-2', kind: 'faq', question: 'Which formats does lint print?', answer: '- `stylish`\n- `json`', confidence: 0.9 });
    const { answer } = composeExtractive('lint output formats for the pipeline', [faq], { language: 'en', minScore: 0.2 });
    expect(answer.split('\n\n').slice(0, 2)).toEqual(['**Which formats does lint print?** [1]', '- `stylish`\n- `json`']);
  });

  test('does not lead with a FAQ that shares only words of its atom\'s title, or one word of a two-word question', () => {
    const tooLong = { atomId: 'error/size-too-long', title: 'size/too-long: the atom is over the word limit', type: 'error' as const, pageUrl: '/error/size-too-long/' };
    const faq = hit({ ...tooLong, unitId: 'error/size-too-long#faq-1', kind: 'faq', question: 'Does too-long fail CI?', answer: 'Not by default, it is a warning.', confidence: 0.9 });
    const means = hit({ ...tooLong, unitId: 'error/size-too-long#what-it-means', section: 'What it means', anchor: 'what-it-means', text: 'The body has more words than `lint.maxWords`.' });
    const causes = hit({ ...tooLong, unitId: 'error/size-too-long#causes', section: 'Causes', anchor: 'causes', text: '- Long logs pasted in full.' });
    const draft = hit({ unitId: 'interface-input/status#faq-1', atomId: 'interface-input/status', title: 'The status header field', kind: 'faq', question: 'Are draft atoms linted?', answer: 'Yes.', confidence: 0.9 });
    expect(composeExtractive('why is my atom flagged as too long', [faq, causes], { language: 'en', minScore: 0.2, atomUnits: [means, causes] }).answer).not.toContain('Not by default');
    expect(composeExtractive('what does status draft do', [draft], { language: 'en', minScore: 0.2 }).answer).not.toContain('Are draft atoms linted?** Yes.');
  });

  test('does not lead a how-to with a yes/no FAQ: "does rebuilding re-embed everything? No." does not say how', () => {
    const index = { atomId: 'procedure/build-the-index', title: 'Build the search index', pageUrl: '/procedure/build-the-index/' };
    const faq = hit({ ...index, unitId: 'procedure/build-the-index#faq-1', kind: 'faq', question: 'Does rebuilding the index embed everything again?', answer: 'No. Only edited units are embedded again.', confidence: 0.9 });
    const steps = hit({ ...index, unitId: 'procedure/build-the-index#steps', text: '1. Run `npx atomkit index --full`.' });
    const howTo = composeExtractive('how do I rebuild the index from scratch', [faq, steps], { language: 'en', minScore: 0.2, atomUnits: [steps] }).answer;
    expect(howTo).not.toContain('Only edited units');
    expect(howTo.startsWith('From **Build the search index** › Steps [1]:\n\n1. Run `npx atomkit index --full`.')).toBe(true);
    // Asked as a yes/no question, it is the answer.
    expect(composeExtractive('does rebuilding the index embed everything again?', [faq, steps], { language: 'en', minScore: 0.2, atomUnits: [steps] }).answer).toMatch(/^No\. Only edited units/);
  });

  test('leads with a FAQ that names the pasted error code, even in a question of two words', () => {
    const faq = hit({ unitId: 'error/chat-api#faq-1', atomId: 'error/chat-api', title: 'Chat API request rejected with an error code', kind: 'faq', question: 'What does ATOMKIT_ERR_RATE_LIMITED mean?', answer: 'Too many requests came from your address.', confidence: 0.9 });
    const { answer } = composeExtractive('ATOMKIT_ERR_RATE_LIMITED が出る', [faq], { language: 'ja', minScore: 0.2 });
    expect(answer).toContain('**What does ATOMKIT_ERR_RATE_LIMITED mean?** Too many requests came from your address. [1]');
  });

  test('answers "why is it flagged" with what the error means, then its causes', () => {
    const tooLong = { atomId: 'error/size-too-long', title: 'size/too-long: the atom is over the word limit', type: 'error' as const, pageUrl: '/error/size-too-long/' };
    const means = hit({ ...tooLong, unitId: 'error/size-too-long#what-it-means', section: 'What it means', anchor: 'what-it-means', text: 'The body has more words than `lint.maxWords`. Long atoms are hard to review.' });
    const causes = hit({ ...tooLong, unitId: 'error/size-too-long#causes', section: 'Causes', anchor: 'causes', text: '- Long logs pasted in full.\n- Several tasks in one atom.' });
    const { answer } = composeExtractive('why is my atom flagged as too long', [causes, means], { language: 'en', minScore: 0.2, atomUnits: [means, causes] });
    expect(answer.split('\n\n').slice(0, 3)).toEqual(['The body has more words than `lint.maxWords`. [1]', 'More in **size/too-long: the atom is over the word limit** › Causes [2]:', '- Long logs pasted in full.\n- Several tasks in one atom.']);
  });

  test('does not lead with a FAQ ranked below the first hit that shares too little of the question', () => {
    const { answer } = composeExtractive(slowQuestion, [longSteps, skipFaq], { language: 'en', minScore: 0.2, atomUnits: [longSteps] });
    expect(answer).not.toContain('--cache');
  });

  test('lists close hits from other atoms under "See also", and ignores weak ones', () => {
    const other = hit({ unitId: 'error/x#fix', atomId: 'error/x', title: 'Linter error X on every run', section: 'How to resolve', url: '/error/x/#how-to-resolve', confidence: 0.7 });
    const weak = hit({ unitId: 'error/y#fix', atomId: 'error/y', title: 'Weak', url: '/error/y/', confidence: 0.1 });
    const { answer, citations } = composeExtractive('run the linter', [hit({}), other, weak], { language: 'en', minScore: 0.2 });
    expect(answer).toContain('See also: **Linter error X on every run** › How to resolve [2]');
    expect(citations.map((c) => c.n)).toEqual([1, 2]);
    expect(answer).not.toContain('Weak');
  });

  test('leaves out of "See also" an atom that shares only one word of a question of two', () => {
    const otherSense = hit({ unitId: 'config/llm#template', atomId: 'config/llm', title: 'Size the context window of a model', section: 'Template', url: '/config/llm/', confidence: 0.7 });
    const { answer } = composeExtractive('windows supported', [hit({ title: 'Line endings on Windows' }), otherSense], { language: 'en', minScore: 0.2 });
    expect(answer).not.toContain('See also');
  });

  test('writes the fixed sentences in Japanese for a Japanese question, saying first that the quoted atom is in English', () => {
    const { answer } = composeExtractive('リントの実行方法', [hit({})], { language: 'ja', minScore: 0.2 });
    expect(answer).toMatch(/^_日本語のアトムはまだないため、英語のアトムから引用しています。_\n\n\*\*Run lint locally\*\* › Steps より \[1\]:/);
    expect(answer).toMatch(/言語モデルは使用していません/);
  });

  test('adds no language note when the quoted atom is in the question\'s language', () => {
    const { answer } = composeExtractive('リントの実行方法', [hit({ language: 'ja', title: 'リンターをローカルで実行する' })], { language: 'ja', minScore: 0.2 });
    expect(answer).toMatch(/^\*\*リンターをローカルで実行する\*\*/);
    expect(answer).not.toContain('英語のアトム');
  });
});

describe('composeExtractive: what was asked', () => {
  const error = (section: string, text: string, extra: Partial<SearchHit> = {}) =>
    hit({ unitId: `error/x#${section}`, atomId: 'error/x', title: 'frontmatter/schema', type: 'error', section, anchor: section.toLowerCase().replace(/ /g, '-'), text, ...extra });
  const meaning = error('What it means', 'The header does not match the schema.');
  const example = error('Example diagnostic', '```text\natoms/x.md:4:7  error  bad type  frontmatter/schema\n```', { confidence: 0.9 });
  const resolve = error('How to resolve', '1. Fix the first diagnostic.\n2. Lint again.');

  test('answers "what do I do" about a pasted error with the resolution, not the example log, after one line saying what the error means', () => {
    const { answer } = composeExtractive('my PR check fails with frontmatter/schema, what do I do?', [example, meaning], { language: 'en', minScore: 0.2, atomUnits: [meaning, example, resolve] });
    expect(answer).toMatch(/^The header does not match the schema\. \[1\]\n\nMore in \*\*frontmatter\/schema\*\* › How to resolve \[2\]:\n\n1\. Fix the first diagnostic\.\n2\. Lint again\./);
    expect(answer).not.toContain('bad type');
  });

  test("does not lead with an item of the list of settings under an imported rule's meaning: it says no meaning", () => {
    const settings = error('What it means', 'Aliases: `ol-prefix`\n\nParameters:\n\n- `style`: List style (`string`, default `one_or_ordered`)');
    const { answer } = composeExtractive('README.md:14:1 error frontmatter/schema [Expected: 1; Actual: 2; Style: 1/2/3]', [resolve, settings], { language: 'en', minScore: 0.2, atomUnits: [settings, resolve] });
    expect(answer).toMatch(/^From \*\*frontmatter\/schema\*\* › How to resolve \[1\]:\n\n1\. Fix the first diagnostic\./);
    expect(answer).not.toContain('List style');
  });

  test('does not lead with a meaning line that only introduces the log it quotes', () => {
    const introduces = error('What it means', 'If you see an error like this on Linux:\n\n> Error: ENOSPC: System limit for number of file watchers reached');
    const { answer } = composeExtractive('Error: ENOSPC: System limit for number of file watchers reached, what do I do?', [resolve, introduces], { language: 'en', minScore: 0.2, atomUnits: [introduces, resolve] });
    expect(answer).not.toContain('like this on Linux:');
    expect(answer).toContain('1. Fix the first diagnostic.');
  });

  test('leads a resolution with no meaning line when the atom has no meaning section', () => {
    const problem = (section: string, text: string) => hit({ unitId: `troubleshooting/y#${section}`, atomId: 'troubleshooting/y', title: 'Widget is blank', type: 'troubleshooting', section, anchor: section.toLowerCase(), text });
    const fix = problem('Fix', '1. Reload the page.');
    const { answer } = composeExtractive('the widget is blank, what do I do?', [fix], { language: 'en', minScore: 0.2, atomUnits: [problem('Symptom', 'The panel opens but stays blank.'), fix] });
    expect(answer).toMatch(/^From \*\*Widget is blank\*\* › Fix \[1\]:\n\n1\. Reload the page\./);
  });

  test('writes a heading inside the quoted steps as a bold line, not as a heading', () => {
    const steps = hit({ unitId: 'procedure/deploy#steps', atomId: 'procedure/deploy', title: 'Deploy the site', type: 'procedure', section: 'Steps', anchor: 'steps', text: '1. Set `base`.\n2. Push.\n\n### GitLab Pages\n\n1. Set `base` too.' });
    const { answer } = composeExtractive('how do I deploy the site', [steps], { language: 'en', minScore: 0.2, atomUnits: [steps] });
    expect(answer).toContain('\n**GitLab Pages**\n');
    expect(answer).not.toMatch(/^#+ /m);
  });

  test('quotes a section split into parts whole, from step 1, when only a later part was found', () => {
    const parts = [
      hit({ unitId: 'procedure/run-lint#steps@1', text: '1. Open a terminal.\n2. Run:\n\n   ```sh\n   npx atomkit lint\n   ```' }),
      hit({ unitId: 'procedure/run-lint#steps@2', text: '```sh\n   --quiet\n   ```\n\n3. Fix what it reports.', continues: true }),
    ];
    const { answer } = composeExtractive('how do I run the linter', [parts[1]!], { language: 'en', minScore: 0.2, atomUnits: parts });
    expect(answer).toContain('1. Open a terminal.\n2. Run:\n\n   ```sh\n   npx atomkit lint\n   --quiet\n   ```\n\n3. Fix what it reports.');
  });

  test('answers a how-to from a reference section with the parts that name it, not the section from its start', () => {
    const reference = referenceInput('interface-input/update', 'update', [
      `Updates packages. ${'Background about ranges and lockfiles. '.repeat(40)}`,
      option('--recursive', `Runs in every package. ${'More about workspaces. '.repeat(30)}`),
      option('--latest', 'Updates every dependency to its latest version, across major versions.'),
      option('--global', `Updates global packages. ${'More about global installs. '.repeat(30)}`),
    ]);
    const { answer } = composeExtractive('how do I update every dependency to the latest version', [reference], { language: 'en', minScore: 0.2, atomUnits: [reference] });
    expect(answer).toContain('› --latest [1]:\n\nUpdates every dependency to its latest version, across major versions.');
    expect(answer).not.toContain('Background about ranges');
  });

  test('answers "when should I use shamefully-hoist" from the key named `shamefullyHoist`, not from the keys that only say "hoist"', () => {
    const reference = referenceInput('interface-input/hoisting', 'Hoisting settings', [
      option('hoistPattern', `Tells pnpm which packages should be hoisted. ${'Patterns of packages to hoist, used by the linker. '.repeat(30)}`),
      option('shamefullyHoist', 'If some tooling only works when the hoisted dependencies are in the root of node_modules, set this to true to hoist them for you.'),
      option('hoistingLimits', `Controls how far dependencies are hoisted when using the hoisted linker. ${'Limits of hoisting. '.repeat(30)}`),
    ]);
    const { answer } = composeExtractive('when should I use shamefully-hoist', [reference], { language: 'en', minScore: 0.2, atomUnits: [reference] });
    expect(answer).toMatch(/^From \*\*Hoisting settings\*\* › shamefullyHoist \[1\]:\n\nIf some tooling only works/);
    expect(answer).not.toContain('Tells pnpm which packages');
  });

  test('goes on from a reference section to its example when a how-to is answered without steps', () => {
    const unit = (section: string, text: string) =>
      hit({ unitId: `interface-input/library-mode#${section.toLowerCase()}`, atomId: 'interface-input/library-mode', title: 'Library mode', type: 'interface-input', section, anchor: section.toLowerCase(), text });
    const input = unit('Input', 'Library mode builds a library for the browser: set `build.lib` with the entry, the name and the output formats, and keep react external.');
    const example = unit('Example', 'The emitted css file takes the library name; set `build.lib.cssFileName` to choose the name of the css file of the library.');
    const { answer } = composeExtractive('how do I build a library, keep react external, and choose the name of the css file', [input, example], { language: 'en', minScore: 0.2, atomUnits: [input, example] });
    expect(answer).toContain('`build.lib` with the entry');
    expect(answer).toContain('`build.lib.cssFileName`');
  });

  test('does not read a reference section as steps for a numbered list under one of its sub-headings', () => {
    const filler = 'Background about authentication files and settings. '.repeat(40);
    const reference = referenceInput('interface-input/auth', 'Authentication settings', [
      'Credentials live in INI files.',
      '### Auth file locations',
      '1. The project `.npmrc`.\n2. The user auth file.',
      filler,
      '### Proxy',
      'Write the proxy password URL-encoded in the `https-proxy` setting.',
      filler,
    ]);
    const { answer } = composeExtractive('how should I write the proxy password setting', [reference], { language: 'en', minScore: 0.2, atomUnits: [reference] });
    expect(answer).toContain('Write the proxy password URL-encoded');
    expect(answer).not.toContain('The user auth file');
  });

  test('does not read a numbered list shown in a code block as steps: it is an example of the syntax', () => {
    const filler = 'Background about list styles and prefixes. '.repeat(40);
    const reference = referenceInput('interface-input/list-prefix', 'Ordered list item prefix', [
      'For instance:',
      '```markdown\n1. Do this.\n2. Do that.\n```',
      filler,
      'Indent a code block under a list item so it does not break the list in two.',
      filler,
    ]);
    const { answer } = composeExtractive('how do I keep a code block from breaking the list', [reference], { language: 'en', minScore: 0.2, atomUnits: [reference] });
    expect(answer).toContain('Indent a code block under a list item');
    expect(answer).not.toContain('1. Do this.');
  });

  test('leads a what-is answer with the meaning only when its first sentence names the question', () => {
    const input = (text: string) => hit({ unitId: 'interface-input/preview#input', atomId: 'interface-input/preview', title: 'Preview options', type: 'interface-input', section: 'Input', anchor: 'input', text });
    const vague = input(`Unless noted, the options in this section are only applied to preview. ${'Other options are described here. '.repeat(100)}\n\nThe port defaults to \`4173\`.`);
    expect(composeExtractive('what is the default port of the preview server', [vague], { language: 'en', minScore: 0.2, atomUnits: [vague] }).answer).toMatch(/^From \*\*Preview options\*\* › Input \[1\]:/);
    const direct = input(`The preview server listens on port 4173 by default. ${'Details follow here. '.repeat(150)}`);
    expect(composeExtractive('what is the default port of the preview server', [direct], { language: 'en', minScore: 0.2, atomUnits: [direct] }).answer).toMatch(/^The preview server listens on port 4173 by default\. \[1\]/);
  });

  test('answers "how can I tell whether" with what to check', () => {
    const section = (name: string, text: string) => hit({ unitId: `troubleshooting/no-vectors#${name}`, atomId: 'troubleshooting/no-vectors', title: 'Index built without vectors', type: 'troubleshooting', section: name, anchor: name.toLowerCase(), text });
    const symptom = section('Symptom', 'Answers come from the lexical index only; the index has no vectors.');
    const checks = section('Checks', '1. Open `manifest.json` in the index folder: `dense: false` means it has no vectors.');
    const fix = section('Fix', '1. Rebuild the index with the model in place.');
    const { answer } = composeExtractive('how can I tell whether my index has vectors', [symptom, fix], { language: 'en', minScore: 0.2, atomUnits: [symptom, checks, fix] });
    expect(answer).toMatch(/\*\*Index built without vectors\*\* › Checks \[\d\]:\n\n1\. Open `manifest.json`/);
  });

  test('does not quote the example diagnostic back to someone who describes the error in words', () => {
    const { answer } = composeExtractive('lint rejects my header with bad type frontmatter/schema', [example], { language: 'en', minScore: 0.2, atomUnits: [meaning, example, resolve] });
    expect(answer).not.toContain('bad type');
  });

  test('quotes a section of the atom the search did not find when its words fit the question best', () => {
    const faq = hit({ unitId: 'procedure/run-lint#faq-1', kind: 'faq', question: 'Which settings come from environment variables?', answer: 'Several, with `ATOMKIT_` variables.', section: 'FAQ' });
    const params = hit({ unitId: 'procedure/run-lint#parameters', section: 'Parameters', anchor: 'parameters', text: 'Override settings with environment variables: `ATOMKIT_SITE_URL`, `ATOMKIT_MODEL_DIR`.' });
    const steps = hit({});
    const { answer } = composeExtractive('which settings can I override with environment variables in CI?', [faq], { language: 'en', minScore: 0.2, atomUnits: [steps, params] });
    expect(answer).toContain('More in **Run lint locally** › Parameters [2]:\n\nOverride settings with environment variables: `ATOMKIT_SITE_URL`');
  });

  const pitfall = (section: string, text: string) =>
    hit({ unitId: `pitfall/p#${section}`, atomId: 'pitfall/p', title: 'Huge config templates', type: 'pitfall', section, anchor: section.toLowerCase().replace(/ /g, '-'), text });
  const dont = pitfall('What not to do', 'Do not paste a 300-line production config into a template.');
  const why = pitfall('Why', 'People copy all of it, and the keys that matter drown.');
  const instead = pitfall('What to do instead', 'Keep the smallest complete configuration that works.');

  test('goes on with what to do instead when the section that fits a question about a problem is not that', () => {
    const { answer } = composeExtractive('is it fine to paste our entire production config into a template?', [dont, why], { language: 'en', minScore: 0.2, atomUnits: [dont, why, instead] });
    expect(answer).toContain('› What not to do [1]:');
    expect(answer).toContain('› What to do instead [2]:\n\nKeep the smallest complete configuration that works.');
    expect(answer).not.toContain('People copy');
  });

  test('answers "what goes wrong" with the consequences, then what to do instead', () => {
    const { answer } = composeExtractive('what goes wrong if I paste a whole config?', [dont, why], { language: 'en', minScore: 0.2, atomUnits: [dont, why, instead] });
    expect(answer.indexOf('People copy')).toBeGreaterThan(-1);
    expect(answer.indexOf('People copy')).toBeLessThan(answer.indexOf('smallest complete configuration'));
    expect(answer).not.toContain('Do not paste');
  });

  test('answers a "what is" question with the meaning, even when the example ranked higher', () => {
    const { answer } = composeExtractive('what does the schema error mean', [example, meaning], { language: 'en', minScore: 0.2, atomUnits: [meaning, example, resolve] });
    expect(answer.startsWith('From **frontmatter/schema** › What it means [1]:\n\nThe header does not match the schema.')).toBe(true);
  });

  test('leads with the sentence that answers the question before pointing to a long section', () => {
    const long = hit({ text: `${'Filler words are here. '.repeat(70)}It listens on \`127.0.0.1:4321\` by default. ${'Check it. '.repeat(20)}` });
    const { answer } = composeExtractive('what does serve listen on out of the box', [long], { language: 'en', minScore: 0.2, atomUnits: [long] });
    expect(answer.split('\n\n').slice(0, 2)).toEqual(['It listens on `127.0.0.1:4321` by default. [1]', 'More in **Run lint locally** › Steps [1].']);
  });

  test('quotes the section that opens with the direct answer before pointing to a long one ranked above it', () => {
    const code = hit({ unitId: 'procedure/run-lint#example', section: 'Example', anchor: 'example', text: `\`\`\`js\n${'// serve listens on this port\nserve.listen(4321)\n'.repeat(60)}\`\`\`` });
    const input = hit({ unitId: 'procedure/run-lint#input', section: 'Input', anchor: 'input', text: 'The serve port listens on 4321 by default.' });
    const { answer } = composeExtractive('what port does serve listen on', [code, input], { language: 'en', minScore: 0.2, atomUnits: [code, input] });
    expect(answer.split('\n\n').slice(0, 3)).toEqual(['From **Run lint locally** › Input [1]:', 'The serve port listens on 4321 by default.', 'More in **Run lint locally** › Example [2].']);
  });

  test('does not lead with a sentence that shares one word of a question of two', () => {
    const filler = 'Other words fill this part. '.repeat(30);
    const text = `Settings of the store.\n\n**publicHoistPattern**\n\n${filler}Unlike \`hoistPattern\`, it hoists to the root.\n\n**shamefullyHoist**\n\nSet it to true when some tooling needs a flat \`node_modules\`.\n\n**storeDir**\n\n${filler}`;
    const settings = hit({ section: 'Input', text });
    const { answer } = composeExtractive('what does shamefully-hoist do', [settings], { language: 'en', minScore: 0.2, atomUnits: [settings], maxWords: 60 });
    expect(answer.split('\n\n')[0]).toBe('From **Run lint locally** › Input [1]:');
  });

  test('does not lead a yes/no question with the sentence that shares its words: it may say no where the atom says yes', () => {
    const section = hit({ section: 'Input', text: `Vite imports \`.ts\` files as they are. ${'Vite transpiles each file on its own. '.repeat(12)}\n\nFull support for TypeScript type checks is not supported.` });
    const { answer } = composeExtractive('does vite support typescript type checks', [section], { language: 'en', minScore: 0.2, atomUnits: [section] });
    expect(answer.split('\n\n')[0]).toBe('From **Run lint locally** › Input [1]:');
  });

  test('finds the words of a Japanese question in an English atom by their English forms', () => {
    const filler = 'Other words fill this part. '.repeat(40);
    const section = hit({ section: 'Options', text: `${filler}\n\nRun the script in every workspace package in parallel with \`--parallel\`.\n\n${filler}` });
    const { answer } = composeExtractive('ワークスペースの全パッケージでスクリプトを並列に実行したい', [section], { language: 'ja', minScore: 0.2, atomUnits: [section], maxWords: 60 });
    expect(answer).toContain('Run the script in every workspace package in parallel with `--parallel`.');
    expect(answer).not.toContain('Other words fill this part.');
  });

  test('does not lead with a sentence that introduces what follows it', () => {
    const filler = 'Other words fill this part. '.repeat(40);
    const section = hit({ section: 'Input', text: `${filler}\n\nInstall pnpm in the image with the standalone script:\n\n${filler}` });
    const { answer } = composeExtractive('install pnpm in the docker image', [section], { language: 'en', minScore: 0.2, atomUnits: [section], maxWords: 60 });
    expect(answer.split('\n\n')[0]).toBe('From **Run lint locally** › Input [1]:');
  });

  test('quotes the first step of a long list once when that step holds the answer', () => {
    const long = hit({ text: `1. Start it with \`npx atomkit serve\`. It listens on \`127.0.0.1:4321\` by default.\n2. ${'Check it. '.repeat(150)}` });
    const { answer } = composeExtractive('what does serve listen on out of the box', [long], { language: 'en', minScore: 0.2, atomUnits: [long] });
    expect(answer.split('\n\n').slice(0, 3)).toEqual(['From **Run lint locally** › Steps [1]:', '1. Start it with `npx atomkit serve`. It listens on `127.0.0.1:4321` by default.', '…']);
  });
});

describe('composeExtractive: a direct answer said once', () => {
  test('drops the lead sentence when the quote opens with it', () => {
    const section = hit({ section: 'Input', text: '#### strictPeerDependencies\n\nIf this is enabled, commands will fail on a missing peer dependency.\n\n#### other\n\n' + 'Unrelated words. '.repeat(120) });
    const { answer } = composeExtractive('fail on missing peer dependency', [section], { language: 'en', minScore: 0.2, atomUnits: [section] });
    expect(answer.match(/commands will fail/g)).toHaveLength(1);
    expect(answer.startsWith('From **Run lint locally** › Input [1]:\n\n**strictPeerDependencies**\n\nIf this is enabled')).toBe(true);
  });

  test('answers "what is X" with the table row that defines X, and does not quote that table again', () => {
    const types = hit({
      unitId: 'interface-input/type#accepted-values',
      atomId: 'interface-input/type',
      title: 'The type header field',
      section: 'Accepted values',
      anchor: 'accepted-values',
      text: '| type | use it for |\n| --- | --- |\n| `procedure` | planned work |\n| `pitfall` | a tempting mistake |',
    });
    const input = hit({ unitId: 'interface-input/type#input', atomId: 'interface-input/type', title: 'The type header field', section: 'Input', anchor: 'input', text: 'The `type` field says what kind of atom a file is.' });
    const other = hit({ unitId: 'error/steps#what-it-means', atomId: 'error/steps', title: 'Steps are not numbered', section: 'What it means', anchor: 'what-it-means', text: 'A pitfall atom has no steps.' });
    const { answer, citations } = composeExtractive('what is a pitfall', [other, types, input], { language: 'en', minScore: 0.2, atomUnits: [other] });
    expect(answer.startsWith('`pitfall` — use it for: a tempting mistake. [1]\n\nMore in **The type header field** › Input [2]:')).toBe(true);
    expect(answer.match(/tempting mistake/g)).toHaveLength(1);
    expect(citations.map((c) => c.atomId)).toEqual(['interface-input/type', 'interface-input/type']);
  });

  test('answers "what is X" with the sentence whose subject is X, not the first that mentions it', () => {
    const opening = 'Catalogs are defined in `pnpm-workspace.yaml`, next to the list of workspace packages, and every package of the workspace can refer to them by name.';
    const section = hit({ section: 'Input', anchor: 'input', text: `${opening}\n\n${opening}\n\n${opening}\n\nCatalogs are a workspace feature for sharing version ranges. Use \`catalog:\` in a dependency.` });
    const { answer } = composeExtractive('what is a catalog', [section], { language: 'en', minScore: 0.2, atomUnits: [section] });
    expect(answer.startsWith('Catalogs are a workspace feature for sharing version ranges. [1]\n\nMore in **Run lint locally** › Input [1]:')).toBe(true);
  });

  test('quotes the section that answers the second question of a message, beside the steps that answer the first', () => {
    const steps = hit({ confidence: 0.9 });
    const exits = hit({ unitId: 'procedure/run-lint#exit-codes', section: 'Exit codes', anchor: 'exit-codes', url: '/procedure/run-lint/#exit-codes', text: 'The linter exits 1 on errors and 2 when its configuration is invalid.' });
    const question = 'How do I run the linter? And what do exit codes 1 and 2 mean?';
    const { answer } = composeExtractive(question, [steps], { language: 'en', minScore: 0.2, atomUnits: [steps, exits] });
    expect(answer).toContain('npx atomkit lint');
    expect(answer).toContain('More in **Run lint locally** › Exit codes [2]:\n\nThe linter exits 1 on errors and 2 when its configuration is invalid.');
    // Asked alone, the steps are the answer.
    expect(composeExtractive('How do I run the linter?', [steps], { language: 'en', minScore: 0.2, atomUnits: [steps, exits] }).answer).not.toContain('Exit codes');
  });

  test('answers a pasted error code with its row in a table of codes, and quotes no section left empty', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `| E_OTHER_CODE_${i} | Another failure of the request body number ${i}. | Check the request. |`).join('\n');
    const table = errorsFix(`You can map error codes:\n\n| Code | Description | How to solve |\n|---|---|---|\n${rows}\n| E_BODY_TOO_LARGE | The request body is larger than the limit. | Increase \`bodyLimit\`. |`);
    const anchorOnly = hit({ unitId: 'troubleshooting/errors#symptom', atomId: 'troubleshooting/errors', title: 'Errors', section: 'Symptom', anchor: 'symptom', text: '<a id="error-codes"></a>' });
    const { answer } = composeExtractive('E_BODY_TOO_LARGE Request body is too large', [table, anchorOnly], { language: 'en', minScore: 0.2, atomUnits: [anchorOnly, table] });
    expect(answer).toBe('E_BODY_TOO_LARGE — description: The request body is larger than the limit; how to solve: Increase `bodyLimit`. [1]\n\n_Quoted from the atoms; no language model was used._');
  });

  test('answers a pasted message under a code spelt otherwise with the row that says the message, not every row sharing a word', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| E_PLUGIN_OTHER_${i} | Plugin number ${i} failed to load in time. | Check the plugin. |`).join('\n');
    const table = errorsFix(`| Code | Description | How to solve |\n|---|---|---|\n${rows}\n| E_PLUGIN_TIMEOUT | Plugin did not start in time. | Increase the timeout for the plugin. |`);
    const pasted = "Error: ERR_AVVIO_PLUGIN_TIMEOUT: Plugin did not start in time: 'dbConnector'. You may have forgotten to call 'done'.\n\nCan I give plugins more time to load?";
    const { answer } = composeExtractive(pasted, [table], { language: 'en', minScore: 0.2, atomUnits: [table] });
    expect(answer.split('\n')[0]).toBe('E_PLUGIN_TIMEOUT — description: Plugin did not start in time; how to solve: Increase the timeout for the plugin. [1]');
    expect(answer).not.toContain('E_PLUGIN_OTHER_');
    // Three words in common are no quote: "in time." closes many a description.
    expect(composeExtractive('my plugin did not load in time', [table], { language: 'en', minScore: 0.2, atomUnits: [table] }).answer).not.toMatch(/^E_PLUGIN_TIMEOUT —/);
  });
  test('answers a pasted error class with its row in a table of error classes, not the whole table; JavaScript\'s own classes name no row', () => {
    const rows = ['ConnectTimeoutError', 'HeadersTimeoutError', 'HeadersOverflowError', 'BodyTimeoutError', 'SocketError']
      .map((name) => `| \`${name}\` | \`UND_ERR_${name.replace(/Error$/, '').toUpperCase()}\` | socket is destroyed due to ${name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} and the headers of the request. |`)
      .join('\n');
    const table = hit({ unitId: 'interface-input/errors#accepted-values', atomId: 'interface-input/errors', title: 'Errors', section: 'Accepted values', anchor: 'accepted-values', text: `| Error | Error Codes | Description |\n| --- | --- | --- |\n${rows}` });
    const pasted = 'HeadersOverflowError: Headers Overflow Error\n    at Parser.trackHeader (/srv/app/node_modules/undici/lib/dispatcher/client-h1.js:430:30)\n    at Parser.onHeaderValue (/srv/app/node_modules/undici/lib/dispatcher/client-h1.js:426:10)';
    const { answer } = composeExtractive(pasted, [table], { language: 'en', minScore: 0.2, atomUnits: [table] });
    expect(answer.split('\n')[0]).toBe("`HeadersOverflowError` — error codes: `UND_ERR_HEADERSOVERFLOW`; description: socket is destroyed due to headers overflow and the headers of the request. [1]");
    expect(answer).not.toContain('ConnectTimeoutError');
    // `TypeError: fetch failed` is no entry of a library's table, whatever the table lists.
    const typeErrors = hit({ ...table, text: '| Error | Description |\n| --- | --- |\n| `TypeError` | thrown by fetch. |\n| `AbortError` | the request was aborted. |' });
    expect(composeExtractive('TypeError: fetch failed', [typeErrors], { language: 'en', minScore: 0.2, atomUnits: [typeErrors] }).answer).not.toMatch(/^`TypeError` —/);
  });

  test('quotes no second section that shares no word with the question: a merged page of entries describes its first entry in its Input', () => {
    const input = referenceInput('interface-input/cli-options', 'CLI: Options: --heap-prof', ['Starts the V8 CPU profiler on start up and writes the profile to disk before exit.']);
    const example = hit({ unitId: 'interface-input/cli-options#example', atomId: 'interface-input/cli-options', title: 'CLI: Options: --heap-prof', type: 'interface-input', section: 'Example', anchor: 'example', text: option('`--inspect-brk[=[host:]port]`', 'Activate inspector on `host:port` and break at start of user script.') });
    // The search found the entry, not the page's description.
    const { answer } = composeExtractive('what does the --inspect-brk flag do', [example], { language: 'en', minScore: 0.2, atomUnits: [input, example] });
    expect(answer).toContain('break at start of user script');
    expect(answer).not.toContain('V8 CPU profiler');
  });

  /** The units of a page of CLI options, chunked as the index chunks them; each entry is long enough that a quote is cut to one. */
  const cliUnits = (lines: readonly string[]) => {
    const atom = atomFromText('/kb/atoms/interface-input/cli.md', `---\ntitle: CLI options\nsummary: The options.\ntype: interface-input\nauthor: a\ncreated: 2026-01-01\nversion: 1.0.0\ntags: [x]\nrelated: []\n---\n\n${lines.join('\n\n')}\n`, { root: '/kb/atoms', base: '/', locales: [] });
    return chunkAtom(atom, { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' }).map((unit) => toHit(unit, 1, { confidence: 1, matchedErrorCode: undefined }));
  };
  const filler = (word: string) => Array.from({ length: 90 }, () => word).join(' ');

  test('cites a quote cut down to one entry of a reference section by that entry, linking to it', () => {
    const units = cliUnits(['## Input', 'Options of the command.', '#### `--force`', `Force it. ${filler('force')}`, '#### `--quiet`', `Prints nothing but errors. ${filler('silence')}`, '#### `--verbose`', `Prints everything. ${filler('loud')}`]);
    const { answer, citations } = composeExtractive('what does --quiet print', units, { language: 'en', minScore: 0.2, atomUnits: units });
    expect(answer).toMatch(/^From \*\*CLI options\*\* › --quiet \[1\]:\n\nPrints nothing but errors\./);
    expect(citations[0]).toMatchObject({ url: '/interface-input/cli/#--quiet', section: '--quiet' });
  });

  test('links a quote of an entry whose heading another section repeats to its own anchor, not the first', () => {
    const units = cliUnits(['## Input', 'Options of install.', '#### `--force`', `Refetches every package. ${filler('refetch')}`, '## Example', 'Options of add.', '#### `--verbose`', `Prints everything. ${filler('loud')}`, '#### `--force`', `Overwrites the lockfile entry. ${filler('overwrite')}`, '#### `--quiet`', `Prints nothing. ${filler('silence')}`]);
    const example = units.filter((unit) => unit.anchor === 'example');
    const { answer, citations } = composeExtractive('does --force overwrite the lockfile entry', example, { language: 'en', minScore: 0.2, atomUnits: units });
    expect(answer).toMatch(/^From \*\*CLI options\*\* › --force \[1\]:\n\nOverwrites the lockfile entry\./);
    expect(citations[0]).toMatchObject({ url: '/interface-input/cli/#--force-1', section: '--force' });
  });

  test("does not open the quote with a page's note that says nothing of the question", () => {
    const section = hit({ unitId: 'interface-input/hoisting#input', atomId: 'interface-input/hoisting', title: 'Hoisting', type: 'interface-input', section: 'Input', anchor: 'input', text: '> **Info**\n>\n> This article describes version 10 only.\n\nPublic hoisting puts matching packages in the root of the modules folder, where tools that read it find them.' });
    const { answer } = composeExtractive('where does public hoisting put packages', [section], { language: 'en', minScore: 0.2, atomUnits: [section] });
    expect(answer).toMatch(/^From \*\*Hoisting\*\* › Input \[1\]:\n\nPublic hoisting puts matching packages/);
    expect(answer).not.toContain('version 10');
  });

  test('answers a pasted errno code the search matched (`EADDRINUSE`, no shape of its own) with its item in a list of codes', () => {
    const list = [
      'Common system errors:\n',
      '* `EACCES` (Permission denied): An attempt was made to access a file in a way forbidden by its permissions.',
      '* `EADDRINUSE` (Address already in use): An attempt to bind a server to a local address failed due to another server already occupying that address.',
      '* `ENOENT` (No such file or directory): A component of the path does not exist.',
    ].join('\n');
    const section = hit({ unitId: 'error/system#what-it-means', atomId: 'error/system', title: 'Errors: SystemError', type: 'error', section: 'What it means', anchor: 'what-it-means', text: `**\`error.address\`**\n\nThe address a connection failed to.\n\n${list}`, matchedErrorCode: 'EADDRINUSE' });
    const { answer } = composeExtractive('Error: listen EADDRINUSE: address already in use :::3000', [section], { language: 'en', minScore: 0.2, atomUnits: [section] });
    expect(answer.startsWith('`EADDRINUSE` (Address already in use): An attempt to bind a server')).toBe(true);
  });

  test('quotes the rows of a resolution as long as a reference page that name the pasted message, not its opening', () => {
    const rows = Array.from({ length: 120 }, (_, i) => `| E_OTHER_${i} | Another failure number ${i}. | Check it. |`).join('\n');
    const table = hit({ section: 'Fix', anchor: 'fix', type: 'troubleshooting', text: `You can map error codes.\n\n| Code | Description | How to solve |\n|---|---|---|\n${rows}\n| E_SOCKET_HANG | The upstream socket hangs up. | Raise the keep-alive timeout. |` });
    const { answer } = composeExtractive('my upstream socket hangs up, what do I do', [table], { language: 'en', minScore: 0.2, atomUnits: [table] });
    expect(answer).toContain('| E_SOCKET_HANG | The upstream socket hangs up. | Raise the keep-alive timeout. |');
  });

  test('leads a pasted error code with its entry in the atom, before the resolution, instead of the first line of what the error means', () => {
    const means = hit({ unitId: 'error/api#what-it-means', atomId: 'error/api', title: 'Chat API request rejected', type: 'error', section: 'What it means', anchor: 'what-it-means', text: 'The service rejected the request.\n\n| code | status | meaning |\n| --- | --- | --- |\n| `E_TOO_LONG` | 400 | the question is too long |\n| `E_MEDIA_TYPE` | 415 | the body is not `application/json` |' });
    const resolve = hit({ unitId: 'error/api#how-to-resolve', atomId: 'error/api', title: 'Chat API request rejected', type: 'error', section: 'How to resolve', anchor: 'how-to-resolve', text: '1. Read `error.code`.\n2. 415: send `content-type: application/json`.' });
    const { answer } = composeExtractive('curl gets {"error":{"code":"E_MEDIA_TYPE"}}, what am I sending wrong?', [resolve, means], { language: 'en', minScore: 0.2, atomUnits: [means, resolve] });
    expect(answer.startsWith('`E_MEDIA_TYPE` — status: 415; meaning: the body is not `application/json`. [1]\n\nMore in **Chat API request rejected** › How to resolve [2]:\n\n1. Read `error.code`.')).toBe(true);
  });

  test('reads a question of 200,000 letters of capitalised words, no error class among them, in one pass', () => {
    const table = hit({ section: 'Fix', anchor: 'fix', text: '| Error | Description |\n|---|---|\n| `HeadersOverflowError` | headers too large. |' });
    // Each word could open an error class name; none ends in `Error:`.
    const question = `${'Ab1'.repeat(66_000)}Error x ${'AbcError '.repeat(2_000)}`;
    const { answer } = composeExtractive(question, [table], { language: 'en', minScore: 0.2, atomUnits: [table] });
    expect(answer).not.toMatch(/^`HeadersOverflowError` —/);
  });

  // How long these take is measured in tooling/bench/hostile.bench.ts.
  test('reads a pasted log of many error codes against a long table of codes', () => {
    const head = '| Code | Description |\n|---|---|\n';
    const units = Array.from({ length: 200 }, (_, u) =>
      hit({ unitId: `error/codes#fix@${u}`, section: 'Fix', anchor: 'fix', text: head + Array.from({ length: 25 }, (_, i) => `| E_CODE_NUMBER_${u * 25 + i} | failure ${i} |`).join('\n') }),
    );
    const log = Array.from({ length: 150 }, (_, i) => `E_NOT_LISTED_${i}`).join(' ');
    const { answer } = composeExtractive(`${log} E_CODE_NUMBER_4999`, units.slice(0, 8), { language: 'en', minScore: 0.2, atomUnits: units });
    expect(answer).toContain('failure');
  });
});


describe('composeExtractive on a hostile section', () => {
  // A section as the index holds it: cut into parts of at most 256 tokens.
  const sectionOf = (body: string): SearchHit[] => {
    const atom = atomFromText('/kb/atoms/procedure/widget-setup.md', `---\ntitle: Widget setup\nsummary: How to configure widgets.\ntype: procedure\nauthor: a\ncreated: 2026-01-01\nversion: 1.0.0\ntags: [x]\nrelated: []\n---\n\n## Steps\n\n${body}\n`, { root: '/kb/atoms', base: '/', locales: [] });
    return chunkAtom(atom, { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' }).map((unit) => toHit(unit, 1, { confidence: 1, matchedErrorCode: undefined }));
  };

  test('closes a code block the section leaves open, so the note after the quote is not read as code', () => {
    const units = sectionOf('1. Install:\n\n```sh\nnpm install widgets\nnpx widgets init');
    const { answer } = composeExtractive('how do I configure widgets', units, { language: 'en', minScore: 0.1, atomUnits: units });
    expect(answer).toContain('npx widgets init\n```\n\n_Quoted from the atoms; no language model was used._');
  });

  test.each([
    ['a run of a hundred thousand backticks', '`'.repeat(100_000)],
    ['a line of a hundred thousand spaces', `${' '.repeat(100_000)}x`],
    ['an unclosed code block of twenty thousand lines', `\`\`\`js\n${'code\n'.repeat(20_000)}`],
    ['an unclosed bracket before a row of images', `[${'![a]'.repeat(20_000)}`],
    ['forty thousand sub-headings', '#### widgets\n'.repeat(40_000)],
  ])('is answered from %s, citing the page, its code fences closed', (_, body) => {
    // How long it takes is measured in tooling/bench/hostile.bench.ts.
    const units = sectionOf(body);
    for (const question of ['how do I configure widgets', 'what is a widget']) {
      const { answer, citations } = composeExtractive(question, units.slice(0, 3), { language: 'en', minScore: 0.1, atomUnits: units });
      expect(citations[0]?.title).toBe('Widget setup');
      expect(answer.endsWith('_Quoted from the atoms; no language model was used._')).toBe(true);
      expect(answer.split('\n').filter((line) => /^\s*(`{3,}|~{3,})/.test(line)).length % 2).toBe(0);
    }
  });
});
