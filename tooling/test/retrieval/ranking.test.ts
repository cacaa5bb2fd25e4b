/**
 * How the lexical ranking orders atoms, on small real indexes (SQLite chunk store and MiniSearch
 * files, no embedding model): one behaviour per test, each with atoms written for it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { openRetriever, type Retriever } from '../../src/retrieval/api.js';
import { buildIndex } from '../../src/retrieval/build.js';
import { languagePreferred } from '../../src/retrieval/preference.js';

interface AtomSpec {
  readonly file: string;
  readonly title: string;
  readonly summary: string;
  readonly type?: string;
  readonly tags?: readonly string[];
  readonly language?: string;
  readonly errorCodes?: readonly string[];
  readonly sources?: readonly string[];
  readonly body: string;
}

const roots: string[] = [];
const retrievers: Retriever[] = [];

afterEach(() => {
  for (const retriever of retrievers.splice(0)) retriever.close();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project holding exactly these atoms, indexed lexically, and its retriever. */
async function indexOf(atoms: readonly AtomSpec[]): Promise<Retriever> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-ranking-'));
  roots.push(root);
  for (const atom of atoms) {
    const file = path.join(root, 'atoms', atom.file);
    mkdirSync(path.dirname(file), { recursive: true });
    const header = [
      '---',
      `title: ${JSON.stringify(atom.title)}`,
      `summary: ${JSON.stringify(atom.summary)}`,
      `type: ${atom.type ?? 'procedure'}`,
      'author: docs-team',
      'created: 2026-01-10',
      'version: 1.0.0',
      `tags: [${(atom.tags ?? ['ops']).join(', ')}]`,
      'related: []',
      ...(atom.language ? [`language: ${atom.language}`] : []),
      ...(atom.errorCodes ? ['error_codes:', ...atom.errorCodes.map((code) => `  - ${JSON.stringify(code)}`)] : []),
      ...(atom.sources ? ['sources:', ...atom.sources.map((ref) => `  - ref: ${JSON.stringify(ref)}`)] : []),
      '---',
      '',
    ];
    writeFileSync(file, `${header.join('\n')}${atom.body.trim()}\n`);
  }
  const config = loadConfig({ cwd: root, env: { ATOMKIT_EMBEDDER: 'none' } });
  await buildIndex(config, { onWarning: () => {} });
  const retriever = await openRetriever(config, { onWarning: () => {} });
  retrievers.push(retriever);
  return retriever;
}

async function atomsFor(retriever: Retriever, question: string, language = 'en'): Promise<string[]> {
  const hits = await languagePreferred(retriever, question, language, { k: 20, mode: 'lexical', minScore: 0.115 });
  return [...new Set(hits.map((hit) => hit.atomId))];
}

const filler = (topic: string) => `This section is about ${topic} and nothing else that the question asks.`;

/** Atoms about other things, so that the words of a question are rare, as in a real knowledge base. */
const others: AtomSpec[] = ['backups', 'billing', 'search', 'deploys', 'alerts', 'quotas', 'exports', 'imports'].map((topic) => ({
  file: `procedure/${topic}.md`,
  title: `Manage ${topic}`,
  summary: `Everyday work on ${topic}.`,
  body: `## Steps\n\n${filler(topic)}\n\n## Verify\n\n${filler(`checking ${topic}`)}`,
}));

test('an atom that covers the question across its sections outranks an atom whose title matches part of it', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'procedure/rotate-signing-credentials.md',
      title: 'Rotate signing credentials',
      summary: 'Replace the credentials outgoing calls are signed with before they run out.',
      body: `## Steps\n\n1. Open the webhook settings in the admin console.\n2. Create new credentials and deploy them.\n\n## Expiry\n\nA secret expires after 90 days; the console warns a week before.\n\n## Verify\n\n${filler('verification')}`,
    },
    {
      file: 'interface-input/webhook-secret-format.md',
      title: 'Webhook secret format',
      summary: 'The characters and length a webhook secret may have.',
      type: 'interface-input',
      body: 'A webhook secret has 32 to 64 characters, letters and digits only.',
    },
  ]);
  expect((await atomsFor(retriever, 'webhook secret expires'))[0]).toBe('procedure/rotate-signing-credentials');
});

test('an atom that says the question\'s words together outranks one that holds them apart', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'interface-input/request-hooks.md',
      title: 'Request hooks',
      summary: 'Functions the server calls at each stage of a request.',
      type: 'interface-input',
      body: '## Hooks\n\nThe close hook runs once the response is sent and the socket is released, so it can ship timings to a metrics service without making the client wait. The error hook runs when a handler throws, and the route hook when a route is added. Each hook receives the request and may be async.',
    },
    {
      file: 'interface-input/reply-object.md',
      title: 'Reply object',
      summary: 'How a handler builds the response.',
      type: 'interface-input',
      body: '## Reply\n\nThe response has headers and a body. Timings are logged. A reply is sent once. Plugins ship with defaults.',
    },
  ]);
  expect((await atomsFor(retriever, 'run code once the response is sent, to ship timings'))[0]).toBe('interface-input/request-hooks');
});

test('a katakana word no glossary lists and no term sounds like is not held against atoms none of which is written in Japanese', async () => {
  const confidenceOf = async (retriever: Retriever, question: string) => (await retriever.search(question, { k: 1, mode: 'lexical' }))[0]?.confidence ?? 0;
  const english = await indexOf(others);
  const plain = await confidenceOf(english, 'backups の checking を確認したい');
  expect(plain).toBeGreaterThan(0.5);
  expect(await confidenceOf(english, 'パソコンで backups の checking を確認したい')).toBe(plain);
  // Where atoms are written in Japanese, a Japanese word none of them uses names a topic they lack.
  const japanese: AtomSpec = { file: 'ja/procedure/billing.md', title: '請求を管理する', summary: '請求の管理画面を開いて金額を確かめる手順です。', language: 'ja', body: '## 手順\n\n1. 管理画面を開きます。\n2. 金額を確かめます。' };
  const mixed = await indexOf([...others, japanese]);
  expect(await confidenceOf(mixed, 'パソコンで backups の checking を確認したい')).toBeLessThan(await confidenceOf(mixed, 'backups の checking を確認したい'));
});

test('a Japanese question whose answer exists only in English finds the English atom by its Latin-script terms', async () => {
  const japanese = (topic: string, title: string): AtomSpec => ({
    file: `ja/procedure/${topic}.md`,
    title,
    summary: `${title}の手順です。`,
    language: 'ja',
    body: `## 手順\n\n1. 管理画面を開きます。\n2. ${title}を行い、エラーがないか確認します。\n\n## 確認\n\n設定が保存され、終了コードが 0 であることを確認します。`,
  });
  const retriever = await indexOf([
    ...others,
    japanese('backups', 'バックアップを取る'),
    japanese('deploys', 'デプロイする'),
    japanese('alerts', 'アラートを設定する'),
    { ...japanese('editor', 'エディタを設定する'), body: '## 手順\n\n1. コードの改行の前に空白を残さないようにします。\n2. 保存します。' },
    {
      file: 'error/file-line-endings.md',
      title: 'Line endings are not LF',
      summary: 'The file uses CRLF line endings; the linter expects LF.',
      type: 'error',
      body: '## What it means\n\nThe file has CRLF line endings.\n\n## How to resolve\n\nSave the file with LF line endings, or set `core.autocrlf` to false.',
    },
  ]);
  expect((await atomsFor(retriever, 'CRLF の改行コードを直したい', 'ja'))[0]).toBe('error/file-line-endings');
});

test('a Japanese question finds the English atom by a katakana loanword no glossary lists, read by its sound', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'procedure/mirror-a-repository.md',
      title: 'Mirror a repository',
      summary: 'Keep a read-only copy of a repository in sync with its upstream.',
      body: '## Steps\n\n1. Create an empty repository.\n2. Push with `--mirror` on a schedule.',
    },
    {
      file: 'procedure/tune-the-pipeline.md',
      title: 'Tune the pipeline',
      summary: 'Make the pipeline finish sooner.',
      body: '## Steps\n\n1. Cache the dependencies.\n2. Run the jobs in parallel.',
    },
  ]);
  const found = await atomsFor(retriever, 'リポジトリの同期を毎晩したい', 'ja');
  expect(found[0]).toBe('procedure/mirror-a-repository');
  expect((await retriever.search('リポジトリの同期を毎晩したい', { k: 3, mode: 'lexical' }))[0]?.confidence).toBeGreaterThan(0.115);
});

test('a Japanese word matched in its English form counts as much as a Japanese word matched as written', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'ja/error/header-missing.md',
      title: 'ファイルにヘッダーがないエラー',
      summary: 'ファイルの先頭にヘッダーがないときのエラーです。',
      type: 'error',
      language: 'ja',
      body: '## 意味\n\nファイルの先頭にヘッダーがありません。このエラーはファイルごとに出ます。\n\n## 解決方法\n\nファイルの先頭にヘッダーを書きます。',
    },
    {
      file: 'error/file-encoding.md',
      title: 'file/encoding: the file is not UTF-8',
      summary: 'The linter reports an error for a file saved in another encoding.',
      type: 'error',
      body: '## What it means\n\nThe file is saved in an encoding other than UTF-8.\n\n## How to resolve\n\nSave the file as UTF-8 and run the linter again.',
    },
  ]);
  const question = 'ファイルのエンコーディングのエラーが出た';
  expect((await retriever.search(question, { k: 5, mode: 'lexical' }))[0]?.atomId).toBe('error/file-encoding');
  expect((await atomsFor(retriever, question, 'ja'))[0]).toBe('error/file-encoding');
});

test('a question in British spelling finds the atom written in American spelling', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'procedure/customize-the-chunk-size.md',
      title: 'Customize how the build splits chunks',
      summary: 'Change the default chunk behavior to optimize caching.',
      body: '## Steps\n\n1. Set `build.chunkSize`.\n2. Rebuild and compare the output.',
    },
    {
      file: 'procedure/split-the-build.md',
      title: 'Split the build into stages',
      summary: 'Run the build in stages.',
      body: '## Steps\n\n1. Add a stage.\n2. Run it.',
    },
  ]);
  expect((await atomsFor(retriever, 'can I customise the chunk behaviour to optimise caching'))[0]).toBe('procedure/customize-the-chunk-size');
  expect((await retriever.search('customise the chunk behaviour to optimise caching', { k: 1, mode: 'lexical' }))[0]?.confidence).toBeGreaterThan(0.5);
});

test('a question naming constructor, toString or __proto__ is searched for those words like any other', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'pitfall/calling-a-class-without-new.md',
      title: 'Calling a class constructor without new',
      summary: 'A class constructor called as a function throws; toString of the class shows its source.',
      type: 'pitfall',
      body: '## Why it happens\n\nThe constructor must run with `new`.\n\n## What to do instead\n\nCall `new Client()`; never patch `__proto__`.',
    },
  ]);
  for (const question of ['why does my constructor throw', 'toString of a class', '__proto__ hasOwnProperty valueOf']) {
    expect((await atomsFor(retriever, question))[0]).toBe('pitfall/calling-a-class-without-new');
  }
});

test('a hyphenated option in the question finds the atom that writes it in camelCase', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'interface-input/install-settings.md',
      title: 'Install settings',
      summary: 'Settings of the install command.',
      type: 'interface-input',
      body: '## Input\n\n`ignoreScripts`: when true, no lifecycle scripts of dependencies run during an install.',
    },
    {
      file: 'procedure/run-scripts.md',
      title: 'Run package scripts',
      summary: 'Run the scripts a package defines.',
      body: '## Steps\n\n1. List the scripts.\n2. Run one of the scripts by name.',
    },
  ]);
  expect((await atomsFor(retriever, 'ignore-scripts'))[0]).toBe('interface-input/install-settings');
});

/** A FAQ one of whose questions asks what an atom is. */
const generalFaq: AtomSpec = {
  file: 'faq/general.md',
  title: 'General questions',
  summary: 'The questions people ask first about the knowledge base.',
  type: 'faq',
  body: 'Q: How do I install the tools?\nA: With npm, from the registry, on any machine with Node.js.\n\nQ: What is a knowledge atom?\nA: One idea in one Markdown file, with a header that says what it is, written for one reader.',
};

test('"what is an atom" finds the FAQ that says what an atom is, not the pages that only mention atoms', async () => {
  const mentions = ['links', 'limits', 'renames', 'reviews', 'imports', 'exports'].map(
    (topic): AtomSpec => ({
      file: `procedure/atom-${topic}.md`,
      title: `Atom ${topic}`,
      summary: `How atom ${topic} work for an atom.`,
      body: `## Steps\n\n1. Open the atom.\n2. Change the atom ${topic}.\n\n## FAQ\n\nQ: Why does my atom need ${topic}?\nA: Every atom has ${topic}.`,
    }),
  );
  const retriever = await indexOf([
    ...others,
    ...mentions,
    generalFaq,
  ]);
  const [first] = await languagePreferred(retriever, 'what is an atom?', 'en', { k: 5, mode: 'lexical', minScore: 0.115 });
  expect(first).toMatchObject({ atomId: 'faq/general', kind: 'faq', question: 'What is a knowledge atom?' });
});

test('"what is an atom?" followed by another question finds the FAQ that says what one is, however many pages the other question\'s words find', async () => {
  // More units name the thing and the other question's words than the search keeps for ranking.
  const pages = Array.from({ length: 90 }, (_, i): AtomSpec => ({
    file: `procedure/docs-page-${i}.md`,
    title: `Docs page layout ${i}`,
    summary: `How a normal docs page ${i} differs in layout from a different page of an atom.`,
    body: `## Steps\n\n1. Compare the normal docs page of an atom with a different docs page.\n2. Note how each page of the atom differs.\n\n## Verify\n\nA normal docs page and a different page of an atom differ in layout ${i}.`,
  }));
  const retriever = await indexOf([
    ...pages,
    ...Array.from({ length: 12 }, (_, i): AtomSpec => ({ file: `procedure/atom-task-${i}.md`, title: `Atom task ${i}`, summary: `Work on an atom, part ${i}.`, body: `## Steps\n\n1. Open the atom.\n2. Edit the atom ${i}.` })),
    generalFaq,
  ]);
  const [first] = await languagePreferred(retriever, 'What exactly is an atom? How is it different from a normal docs page?', 'en', { k: 5, mode: 'lexical', minScore: 0.115 });
  expect(first).toMatchObject({ atomId: 'faq/general', question: 'What is a knowledge atom?' });
});

test('"what is a playbook atom", with no FAQ or page named so, finds the row of a table of types that opens with it', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'error/steps-numbered.md',
      title: 'Steps are not numbered',
      summary: 'A procedure or playbook atom lists its steps without numbers.',
      type: 'error',
      body: '## What it means\n\nA playbook atom and a procedure atom number their steps. This playbook atom check reads the playbook Action plan.\n\n## How to resolve\n\nNumber each step of the playbook.',
    },
    {
      file: 'interface-input/type-field.md',
      title: 'The type header field',
      summary: 'What kind of knowledge an atom holds.',
      type: 'interface-input',
      body: '## Input\n\nEvery atom has a type.\n\n## Accepted values\n\n| value | use it for |\n| --- | --- |\n| `error` | a message someone sees |\n| `playbook` | responding to an alert, with escalation |\n| `pitfall` | a tempting mistake |\n\n## Example\n\n`type: error`',
    },
  ]);
  const [first] = await languagePreferred(retriever, 'what is a playbook atom', 'en', { k: 5, mode: 'lexical', minScore: 0.115 });
  expect(first).toMatchObject({ atomId: 'interface-input/type-field', section: 'Accepted values' });
});

test('a question with a letter left out of a short word is as sure of its atom as the question spelt right', async () => {
  const retriever = await indexOf([
    ...others,
    {
      file: 'procedure/run-the-linter-locally.md',
      title: 'Run the linter locally',
      summary: 'Check atoms on your machine before you push.',
      body: '## Steps\n\n1. Run the linter from the repository root.\n2. Connect the output to your editor.\n\n## Verify\n\nThe linter prints no errors.',
    },
  ]);
  const best = async (question: string) => (await retriever.search(question, { k: 5, mode: 'lexical' }))[0]!;
  const right = await best('run the linter locally');
  for (const typo of ['run the lintr locally', 'run the linter localy']) {
    expect(await best(typo)).toMatchObject({ atomId: 'procedure/run-the-linter-locally', confidence: right.confidence });
  }
});

test('a question that names a page in full is covered by it, however many details of its own it adds', async () => {
  const redaction = {
    file: 'interface-input/redaction.md',
    title: 'Redaction',
    type: 'interface-input',
    summary: 'Keep secrets out of log lines.',
    body: '## Input\n\nTo redact sensitive data from the logs, list the paths of the keys that hold it in the `redact` option.',
  };
  const retriever = await indexOf([...others, redaction]);
  const [named] = await retriever.search('redact the authorization header from logs', { k: 1, mode: 'lexical' });
  expect(named).toMatchObject({ atomId: 'interface-input/redaction' });
  expect(named!.confidence).toBeGreaterThan(0.13);
  // The same details around a word that names no page leave it below ("mask" would: it is searched as "redact").
  const [unnamed] = await retriever.search('rotate the authorization header from logs', { k: 1, mode: 'lexical' });
  expect(unnamed!.confidence).toBeLessThan(0.13);
});

test('a page named like the product every page mentions is not named by a question about the product', async () => {
  const pages = ['Deploys', 'Billing', 'Alerts', 'Quotas'].map((topic) => ({
    file: `procedure/${topic.toLowerCase()}.md`,
    title: `Acme ${topic}`,
    summary: `How Acme handles ${topic.toLowerCase()}.`,
    body: `## Steps\n\n1. Open Acme.\n2. Go to ${topic.toLowerCase()}.`,
  }));
  const home = { file: 'interface-input/acme.md', title: 'Acme', type: 'interface-input', summary: 'What Acme is.', body: '## Input\n\nAcme deploys your services.' };
  const retriever = await indexOf([...pages, home]);
  const hits = await retriever.search('acme services on cloudflare', { k: 8, mode: 'lexical' });
  const page = hits.find((hit) => hit.atomId === 'interface-input/acme');
  expect(page).toBeDefined();
  expect(page!.confidence).toBeLessThan(0.13);
});

test('a rule page is named by its name without its code: "trailing spaces" names `MD009 - Trailing spaces`', async () => {
  const md009 = {
    file: 'error/md009.md',
    title: 'MD009 - Trailing spaces',
    type: 'error',
    summary: 'Lines should not end in whitespace.',
    body: '## What it means\n\nThis rule is triggered on any lines that end with unexpected whitespace.\n\n## Causes\n\nAn editor that keeps the spaces typed at the end of a line.\n\n## How to resolve\n\nRemove the trailing spaces.',
  };
  const retriever = await indexOf([...others, md009]);
  const [hit] = await retriever.search('our changelog has trailing spaces', { k: 1, mode: 'lexical' });
  expect(hit).toMatchObject({ atomId: 'error/md009' });
  expect(hit!.confidence).toBeGreaterThan(0.13);
});


test('a search for a page by its exact name finds it first, though its name is made of words too common to search', async () => {
  const command = (name: string, says: string) => ({
    file: `interface-input/${name.replace(/ /g, '-')}.md`,
    title: name,
    type: 'interface-input',
    summary: says,
    body: `## Input\n\n\`${name}\` ${says}\n\n\`\`\`sh\n${name} --help\n\`\`\``,
  });
  const pages = [
    command('pnpm why', 'shows all packages that depend on the specified package.'),
    command('pnpm self-update', 'updates pnpm to the latest version; run pnpm self-update then pnpm --version.'),
    command('pnpm add', 'installs a package and any packages that it depends on.'),
  ];
  const retriever = await indexOf([...others, ...pages]);
  for (const search of ['pnpm why', '`pnpm why`?', 'PNPM  Why']) expect((await atomsFor(retriever, search))[0]).toBe('interface-input/pnpm-why');
  // A name within a longer question is the question's words as ever.
  expect((await atomsFor(retriever, 'how do I run pnpm self-update'))[0]).toBe('interface-input/pnpm-self-update');
});

test('a name several pages end with ("Options") lifts none of them above the page the words find', async () => {
  const page = (command: string, body: string) => ({ file: `interface-input/${command}-options.md`, title: `pnpm ${command}: Options`, type: 'interface-input', summary: `Flags of pnpm ${command}.`, body: `## Input\n\n${body}` });
  const pages = [page('add', '`--save-dev` saves the package to devDependencies.'), page('install', '`--frozen-lockfile` fails when the lockfile needs an update.')];
  const options = {
    file: 'interface-input/options.md',
    title: 'Setting options',
    type: 'interface-input',
    summary: 'Where options are set, and which options win.',
    body: '## Input\n\nOptions are set on the command line or in the workspace file; options on the command line win.',
  };
  const retriever = await indexOf([...others, ...pages, options]);
  expect((await atomsFor(retriever, 'options'))[0]).toBe('interface-input/options');
});

describe('a question that links to a page of the docs', () => {
  // Imported from one page: its opening, and two of its sections.
  const serverOptions: AtomSpec[] = [
    { file: 'interface-input/server-options.md', title: 'Server Options', type: 'interface-input', summary: 'Options of the dev server.', sources: ['docs/config/server-options.md'], body: '## Input\n\nUnless noted, these options apply to the dev server.' },
    { file: 'interface-input/server-options-serverfsallow.md', title: 'Server Options: server.fs.allow', type: 'interface-input', summary: 'Restrict files that could be served.', sources: ['docs/config/server-options.md#serverfsallow'], body: '## Input\n\nFiles outside this list of folders are answered with 403.' },
    { file: 'interface-input/server-options-serverws.md', title: 'Server Options: server.ws', type: 'interface-input', summary: 'The HMR websocket connection.', sources: ['docs/config/server-options.md#serverws'], body: '## Input\n\nSet to false to turn the websocket connection off.' },
  ];
  // A page sharing more of the question's words than the linked section does.
  const components: AtomSpec = {
    file: 'procedure/share-components-in-a-monorepo.md',
    title: 'Share components in a monorepo',
    summary: 'Import components from packages of a monorepo in an app.',
    body: '## Steps\n\n1. Add the packages folder of the monorepo to the workspace.\n2. Import the components from the package in the app.',
  };
  const pasted = [
    'The request url "/Users/taro/acme/packages/ui/src/Button.tsx" is outside of the serving allow list.',
    'Refer to docs https://vite.dev/config/server-options.html#server-fs-allow for configurations and more details.',
    'How do I import components from packages of our monorepo in the app?',
  ].join('\n');

  test('finds the atom made from the section the link names first, and is sure of it, whatever other pages its words find', async () => {
    const retriever = await indexOf([...others, ...serverOptions, components]);
    const hits = await retriever.search(pasted, { k: 5, mode: 'lexical' });
    expect(hits[0]).toMatchObject({ atomId: 'interface-input/server-options-serverfsallow', matchedLink: 'https://vite.dev/config/server-options.html#server-fs-allow' });
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    // Without the link, the words find the other page.
    expect((await atomsFor(retriever, pasted.replace(/https:\S+/, '')))[0]).toBe('procedure/share-components-in-a-monorepo');
  });

  test('finds the page\'s own atom for a link with no section, and the same one when it names a section no atom came from', async () => {
    const retriever = await indexOf([...others, ...serverOptions, components]);
    for (const link of ['https://vite.dev/config/server-options', 'https://vite.dev/config/server-options.html#server-cors']) {
      const hits = await retriever.search(`${link} how do I import components from packages of a monorepo`, { k: 5, mode: 'lexical' });
      expect(hits[0]?.atomId).toBe('interface-input/server-options');
    }
  });

  test("finds an atom by its own page's address under the site's base path, not its translation's", async () => {
    const english: AtomSpec = { file: 'error/frontmatter-schema.md', title: 'Header does not match the schema', type: 'error', summary: 'A header field is missing or wrong.', body: '## What it means\n\nThe header lacks a field.' };
    const japanese: AtomSpec = { ...english, file: 'ja/error/frontmatter-schema.md', title: 'ヘッダーがスキーマに合わない', language: 'ja', body: '## What it means\n\nヘッダーに項目がない。' };
    const retriever = await indexOf([...others, english, japanese, components]);
    const hits = await retriever.search('lint says: see https://docs.acme.dev/kb/error/frontmatter-schema/ — how do I import components from packages of a monorepo?', { k: 5, mode: 'lexical' });
    expect(hits[0]).toMatchObject({ atomId: 'error/frontmatter-schema', matchedLink: 'https://docs.acme.dev/kb/error/frontmatter-schema/' });
    expect(hits.find((hit) => hit.atomId === 'ja/error/frontmatter-schema')?.matchedLink).toBeUndefined();
  });

  test("finds a section by its page's name and fragment when the site's folders differ from the docs folder's", async () => {
    const code = (name: string, says: string): AtomSpec => ({ file: `error/${name.toLowerCase()}.md`, title: name, type: 'error', summary: says, sources: [`nodejs-api/errors.md#${name.toLowerCase()}`], body: `## What it means\n\n${says}` });
    const retriever = await indexOf([...others, code('ERR_INVALID_ARG_TYPE', 'An argument of the wrong type was passed.'), code('ERR_MISSING_ARGS', 'A required argument was not passed.'), components]);
    const hits = await retriever.search('TypeError: see https://nodejs.org/api/errors.html#err_invalid_arg_type — how do I import components from packages of a monorepo?', { k: 5, mode: 'lexical' });
    expect(hits[0]).toMatchObject({ atomId: 'error/err_invalid_arg_type', matchedLink: 'https://nodejs.org/api/errors.html#err_invalid_arg_type' });
  });

  test('finds none of two pages a link could name, nor a page of another site that only shares its last name', async () => {
    const guide = (folder: string): AtomSpec => ({ file: `procedure/${folder}-guide.md`, title: `${folder} guide`, summary: `The ${folder} guide.`, sources: [`docs/${folder}/guide.md`], body: `## Steps\n\n${filler(folder)}` });
    const retriever = await indexOf([...others, guide('cli'), guide('api')]);
    for (const question of ['see https://x.dev/guide for the steps', 'fetch failed: https://cdn.example.com/assets/app.js']) {
      expect((await retriever.search(question, { k: 5, mode: 'lexical' })).filter((hit) => hit.matchedLink !== undefined)).toEqual([]);
    }
  });
});
