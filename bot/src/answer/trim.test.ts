import { describe, expect, test } from 'vitest';
import { questionTerms } from './terms.js';
import { coverageOrder, fromStart, leadingItems, listItems, onlyIntroduces, relevantOptions, relevantRows, splitBlocks, trimToRelevant, withoutDanglingIntro, withoutLeadingNote, withoutSentence } from './trim.js';

describe('trimToRelevant', () => {
  const long = [
    'Intro paragraph about linting in general and why it matters to every author of atoms.',
    'word '.repeat(80).trim(),
    'To lint a single file, pass its path:',
    '```sh\nnpx atomkit lint atoms/x.md\n```',
    'filler '.repeat(80).trim(),
  ].join('\n\n');

  test('keeps the paragraphs that mention the question, with the code block after them, and marks the gaps', () => {
    const out = trimToRelevant(long, ['single', 'file'], 60);
    expect(out).toBe('…\n\nTo lint a single file, pass its path:\n\n```sh\nnpx atomkit lint atoms/x.md\n```');
  });

  test('quotes the opening of a long section as far as the budget goes when no block names the question', () => {
    const section = ['Tags: `line_length`', 'Aliases: `line-length`', 'This rule is triggered when lines are longer than the limit.', 'word '.repeat(80).trim()].join('\n\n');
    expect(trimToRelevant(section, ['md013'], 60)).toBe('Tags: `line_length`\n\nAliases: `line-length`\n\nThis rule is triggered when lines are longer than the limit.');
  });

  test('a paragraph that shows what the block before it does ("This will output:") is quoted with that block', () => {
    const section = ['filler '.repeat(80).trim(), '```js\nlogger.info({ key: "secret" })\n```', 'This will output the redacted line:', '```json\n{"key":"[Redacted]"}\n```', 'filler '.repeat(80).trim()].join('\n\n');
    expect(trimToRelevant(section, ['redact'], 60)).toBe('…\n\n```js\nlogger.info({ key: "secret" })\n```\n\nThis will output the redacted line:\n\n```json\n{"key":"[Redacted]"}\n```');
  });

  test('quotes a short section whole', () => {
    expect(trimToRelevant('One.\n\nTwo.', ['nothing'], 60)).toBe('One.\n\nTwo.');
  });

  test('opens with the first paragraph and the code block after it when nothing names the question', () => {
    const section = ['All these run the CLI silently:', '```sh\npnpm run --silent watch\n```', 'filler '.repeat(80).trim()].join('\n\n');
    expect(trimToRelevant(section, ['parallel'], 60)).toBe('All these run the CLI silently:\n\n```sh\npnpm run --silent watch\n```');
  });
});

describe('trimToRelevant in a section of sub-headed keys', () => {
  const key = (name: string, text: string) => `#### ${name}\n\n* Default: **false**\n* Type: **Boolean**\n\n${text}`;
  const settings = [
    key('autoInstallPeers', `When true, missing peers are installed. ${'More about installing. '.repeat(30)}`),
    key('strictPeerDependencies', 'If this is enabled, commands will fail if there is a missing or invalid peer dependency in the tree.'),
    key('dedupePeers', `Peers are deduplicated. ${'More about deduplication. '.repeat(30)}`),
  ].join('\n\n');

  test('quotes the key whose name and description hold the question, from its heading, the heading in bold', () => {
    const out = trimToRelevant(settings, questionTerms('make the install fail on missing or invalid peer dependencies'), 80);
    expect(out).toBe(
      '…\n\n**strictPeerDependencies**\n\n* Default: **false**\n* Type: **Boolean**\n\nIf this is enabled, commands will fail if there is a missing or invalid peer dependency in the tree.',
    );
  });

  test('marks a gap once where a list cut to its items opens with a gap of its own, in a key or not', () => {
    const items = Array.from({ length: 30 }, (_, i) => (i === 15 ? '- Write the proxy password URL-encoded.' : `- Other item number ${i} about something else entirely here.`)).join('\n');
    const text = `${'Unrelated words here. '.repeat(60)}\n\n${items}`;
    const terms = questionTerms('how to write the proxy password');
    expect(trimToRelevant(text, terms, 60)).toBe('…\n\n- Write the proxy password URL-encoded.\n\n…');
    expect(trimToRelevant(`${'Intro words. '.repeat(60)}\n\n#### proxy\n\n${text}`, terms, 60)).toBe('…\n\n**proxy**\n\n…\n\n- Write the proxy password URL-encoded.\n\n…');
  });

  test('quotes a key for each part of a question asked in two parts, not only the one naming more of it', () => {
    const filters = [
      key('changedSince', `Selects the packages changed since a commit, and with dependents the packages that depend on them. ${'More about changed packages. '.repeat(20)}`),
      key('dependents', `Selects the packages that depend on the named package. ${'More about dependents. '.repeat(20)}`),
      key('exclude', `A selector starting with an exclamation mark leaves packages out of the run. ${'More about leaving out. '.repeat(20)}`),
    ].join('\n\n');
    const out = trimToRelevant(filters, questionTerms('run only the packages changed since main and their dependents; also how do I leave out the docs package'), 250);
    expect(out).toContain('**changedSince**');
    expect(out).toContain('**exclude**');
    expect(out).not.toContain('**dependents**');
  });

  test('goes on after a short part with what follows it, in whole parts, a table cut to its rows', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `| \`--flag-${i}\` | Sets thing number ${i} of the server |`);
    const cli = [
      `#### build\n\n${'Builds for production with many words. '.repeat(30)}`,
      '#### dev\n\nStarts the dev server in the current folder.',
      '##### Usage\n\n```sh\nvite dev [root]\n```',
      `##### Options\n\n| Option | Meaning |\n| --- | --- |\n${rows.join('\n')}`,
    ].join('\n\n');
    const out = trimToRelevant(cli, questionTerms('start the dev server'), 120);
    expect(out.startsWith('…\n\n**dev**\n\nStarts the dev server in the current folder.\n\n**Usage**\n\n```sh\nvite dev [root]\n```\n\n**Options**\n\n| Option | Meaning |\n| --- | --- |\n')).toBe(true);
    expect(out).not.toContain('Builds for production');
    expect(out.split('\n').filter((line) => line.startsWith('| `--flag-')).length).toBeGreaterThan(3);
  });

  test('marks no gap before the first key when only blank lines come before it', () => {
    expect(trimToRelevant(`\n\n#### encapsulation\n\nThe context ${'word '.repeat(100)}\n\n#### other\n\n${'filler '.repeat(100)}`, ['encapsul'], 120).startsWith('**encapsulation**')).toBe(true);
  });

  test('does not go on into the next entry of a reference, which is another thing', () => {
    const reply = [
      `#### .code(statusCode)\n\n${'Sets the status code of the reply with many words. '.repeat(20)}`,
      '#### .sent\n\nTrue once the reply was sent, also after `reply.hijack()`, which skips the automatic send.',
      '#### .request\n\nThe request this reply belongs to.',
      '#### .log\n\nThe logger of the request.',
    ].join('\n\n');
    expect(trimToRelevant(reply, questionTerms('what does reply.hijack do'), 120)).toBe(
      '…\n\n**.sent**\n\nTrue once the reply was sent, also after `reply.hijack()`, which skips the automatic send.',
    );
  });


  test('goes on into the next entry when its camelCase key names the question, as `strictPort` names the port', () => {
    const server = [
      `#### server.allowedHosts\n\n${'The hostnames the server answers to, with many words. '.repeat(20)}`,
      '#### server.port\n\nSpecify the server port, 5173 by default. When the port is already used, the next free one is tried.',
      '#### server.strictPort\n\nSet to `true` to exit if the port is already in use.',
      '#### server.open\n\nOpens the app in the browser on start.',
    ].join('\n\n');
    const out = trimToRelevant(server, questionTerms("don't switch to another port if 5173 is in use, just fail"), 120);
    expect(out).toContain('**server.strictPort**');
    expect(out).not.toContain('**server.open**');
  });
  test('does not go on into a part that does not fit whole: no heading without what it says', () => {
    const out = trimToRelevant(settings, questionTerms('make the install fail on missing or invalid peer dependencies'), 80);
    expect(out).not.toContain('dedupePeers');
  });

  test('leaves a section without sub-headings to the paragraph trimming', () => {
    expect(trimToRelevant(`${'Filler words here. '.repeat(40)}\n\nThe strict mode fails.`, ['strict'], 20)).toBe('…\n\nThe strict mode fails.');
  });
});

describe('a list longer than the budget', () => {
  const step = (n: number) => `${n}. Step ${n} ${'word '.repeat(30).trim()}:\n\n   \`\`\`sh\n   run ${n}\n\n   again ${n}\n   \`\`\``;
  const steps = [1, 2, 3, 4, 5].map(step).join('\n\n');

  test('is quoted from step 1 and cut after a whole step, its code block with it', () => {
    expect(fromStart(`Intro.\n\n${steps}`, 80)).toBe(`Intro.\n\n${[1, 2].map(step).join('\n\n')}\n\n…`);
  });

  test('keeps at least its first step', () => {
    expect(leadingItems(steps, 5).text).toBe(step(1));
  });

  test('is read from its first step when trimmed to what the question asks and every step holds it', () => {
    expect(trimToRelevant(steps, ['again'], 80)).toBe(`${[1, 2].map(step).join('\n\n')}\n\n…`);
  });

  test('is trimmed to the step that holds the question, the gaps marked, when only a later one does', () => {
    expect(trimToRelevant(steps.replace('again 4', 'sarif 4'), ['sarif'], 80)).toBe(`…\n\n${step(4).replace('again 4', 'sarif 4')}\n\n…`);
  });

  test('keeps the blank lines between the items it keeps', () => {
    expect(listItems('1. One\n\n2. Two')).toEqual(['1. One\n', '2. Two']);
    expect(leadingItems('1. One\n\n2. Two\n\n3. Three', 4).text).toBe('1. One\n\n2. Two');
  });
});

describe('a list item that holds a section under its first line', () => {
  // As a reference writes a hook: its metadata as items, its description and examples indented under the last one.
  const hook = [
    '- **Type:** `(server) => void`',
    '- **Kind:** `async`',
    '- **Scope:** Global',
    '',
    `  Hook for configuring the server. ${'word '.repeat(60).trim()}`,
    '',
    '  ```js',
    '  configureServer(server) {}',
    '  ```',
    '',
    '  **Injecting post middleware**',
    '',
    '  To run after the internal middlewares, return a function:',
    '',
    '  ```js',
    '  configureServer(server) { return () => server.middlewares.use(handler) }',
    '  ```',
    '',
    `  ${'filler '.repeat(60).trim()}`,
  ].join('\n');

  test('is trimmed, under its first line, to what concerns the question, as a section is', () => {
    const out = trimToRelevant(hook, ['after', 'internal', 'middlewares'], 60);
    expect(out).toBe(
      '…\n\n- **Scope:** Global\n\n  …\n\n  To run after the internal middlewares, return a function:\n\n  ```js\n  configureServer(server) { return () => server.middlewares.use(handler) }\n  ```',
    );
  });

  test('opens a section too long for the budget and is trimmed all the same', () => {
    const out = trimToRelevant(`${hook}\n\n#### closeServer\n\nCalled when the server closes.`, ['after', 'internal', 'middlewares'], 60);
    expect(out).toContain('  To run after the internal middlewares, return a function:');
    expect(out).not.toContain('Hook for configuring');
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  test('nested a thousand deep (a megabyte of list) is trimmed one level down', () => {
    const nested = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i} alpha beta gamma delta\n`).join('\n');
    const out = trimToRelevant(nested, ['delta'], 220);
    expect(out.startsWith('- item 0 alpha beta gamma delta\n\n  - item 1')).toBe(true);
  });

  test('is a numbered step: quoted whole, its command and what it prints with it', () => {
    const step = `1. Start the service:\n\n   \`\`\`sh\n   npx atomkit serve\n   \`\`\`\n\n   ${'word '.repeat(80).trim()}`;
    expect(trimToRelevant(`${step}\n\n2. Open it.`, ['serve'], 40)).toBe(`${step}\n\n…`);
  });
});

describe('a table longer than the budget', () => {
  const rows = ['host', 'port', 'strictPort', 'open', 'cors'].map((name) => `| \`--${name}\` | ${name === 'strictPort' ? 'Exit if the port is already in use' : `Sets ${name} ${'and more '.repeat(8).trim()}`} |`);
  const table = `| Option | Meaning |\n| --- | --- |\n${rows.join('\n')}`;

  test('is cut to its head and the rows that hold the question, a row marking each gap', () => {
    expect(trimToRelevant(`Options of the dev server:\n\n${table}`, questionTerms('fail when the port is already in use'), 30)).toBe(
      `…\n\n| Option | Meaning |\n| --- | --- |\n| … |\n${rows[2]}\n| … |`,
    );
  });

  test('keeps its opening row when no row holds the question', () => {
    expect(relevantRows(table, ['nothing'], 10)).toBe(`| Option | Meaning |\n| --- | --- |\n${rows[0]}\n| … |`);
  });

  test('is one block with its head', () => {
    expect(splitBlocks(`Intro.\n\n${table}`).map((b) => b.kind)).toEqual(['other', 'table']);
  });
});

describe('splitBlocks', () => {
  test('keeps a numbered list with blank lines and indented code as one block', () => {
    const blocks = splitBlocks('Intro.\n\n1. One\n\n2. Two:\n\n   ```sh\n   run\n\n   more\n   ```\n\n3. Three\n\nAfter.');
    expect(blocks.map((b) => b.kind)).toEqual(['other', 'list', 'other']);
    expect(blocks[1]!.text).toContain('3. Three');
  });
});

describe('coverageOrder', () => {
  test('puts next the part adding most of the question not yet covered, a term named by fewer parts weighing more', () => {
    expect(coverageOrder([['port'], ['port', 'host'], ['open']], ['port', 'host', 'open']).map((p) => p.index)).toEqual([1, 2, 0]);
  });

  test('leaves out parts naming none of the terms, and counts bonus terms twice', () => {
    expect(coverageOrder([[], ['a'], ['b']], ['a', 'b'], [[], [], ['b']]).map((p) => [p.index, p.score])).toEqual([[2, 2], [1, 1]]);
  });

  test('once every term is covered, orders the rest by how many terms they name, then as written', () => {
    expect(coverageOrder([['a'], ['a', 'b'], ['b'], ['a', 'b'], ['b']], ['a', 'b']).map((p) => [p.index, p.gain > 0])).toEqual([[1, true], [3, false], [0, false], [2, false], [4, false]]);
  });
});

describe('withoutSentence', () => {
  test('drops the bulleted item or paragraph that says only the sentence', () => {
    expect(withoutSentence('- Stale index: rebuild it.\n- Threshold: lower `bot.minScore`.', 'Threshold: lower bot.minScore.')).toBe('- Stale index: rebuild it.');
    expect(withoutSentence('Some context here.\n\nThreshold: lower it.', 'Threshold: lower it.')).toBe('Some context here.');
  });

  test('keeps numbered steps whole, so they keep their numbers, and a paragraph that says more', () => {
    expect(withoutSentence('1. Run lint.\n2. Fix it.', 'Fix it.')).toBe('1. Run lint.\n2. Fix it.');
    expect(withoutSentence('Fix it. Then push.', 'Fix it.')).toBe('Fix it. Then push.');
  });

  test('leaves a quote that is nothing but the sentence, or does not hold it, exactly as it is', () => {
    expect(withoutSentence('Fix it.', 'Fix it.')).toBe('Fix it.');
    expect(withoutSentence('Run it.\n\n\n…', 'Fix it.')).toBe('Run it.\n\n\n…');
  });
});

describe('onlyIntroduces', () => {
  test('is true of a quote left with only the lines that introduce what it does not hold', () => {
    expect(onlyIntroduces('…\n\nThe timeout errors below are controlled by dispatcher options:')).toBe(true);
    expect(onlyIntroduces('**Options**\n\nExit codes:')).toBe(true);
    expect(onlyIntroduces('Exit codes:\n\n- `1`: lint errors.')).toBe(false);
    expect(onlyIntroduces('The agent reads its config at start.')).toBe(false);
  });
});

describe('withoutLeadingNote', () => {
  const terms = questionTerms('how do I add a dependency');
  test('drops an opening note that says nothing of the question, keeping the gap mark after it', () => {
    expect(withoutLeadingNote('> **Info**\n>\n> This page covers version 10.\n\nRun `pnpm add` to add a dependency.', terms)).toBe('Run `pnpm add` to add a dependency.');
    expect(withoutLeadingNote('> Stability: 1 - Experimental\n\n…\n\nRun `pnpm add`.', terms)).toBe('…\n\nRun `pnpm add`.');
  });

  test('keeps a note that names the question, one that warns, and one with nothing after it', () => {
    const named = '> **Tip**\n>\n> A dependency is added to the nearest package.\n\nRun `pnpm add`.';
    expect(withoutLeadingNote(named, terms)).toBe(named);
    const warns = '> **Warning**\n>\n> This rewrites the lockfile.\n\nRun `pnpm add`.';
    expect(withoutLeadingNote(warns, terms)).toBe(warns);
    expect(withoutLeadingNote('> Stability: 0 - Deprecated\n\nUse something else.', terms)).toBe('> Stability: 0 - Deprecated\n\nUse something else.');
    expect(withoutLeadingNote('> **Info**\n>\n> This page covers version 10.\n\n…', terms)).toBe('> **Info**\n>\n> This page covers version 10.\n\n…');
  });

  test('keeps a quote that opens with anything but a note', () => {
    expect(withoutLeadingNote('Run it.\n\n> **Info**\n>\n> Later.', terms)).toBe('Run it.\n\n> **Info**\n>\n> Later.');
  });
});

describe('withoutDanglingIntro', () => {
  test('drops a closing paragraph that introduces what was cut, before or after the gap mark', () => {
    expect(withoutDanglingIntro('- `--quiet`: errors only.\n\nExit codes:')).toBe('- `--quiet`: errors only.');
    expect(withoutDanglingIntro('Use `--quiet`.\n\nExit codes:\n\n…')).toBe('Use `--quiet`.\n\n…');
  });

  test('drops sub-headings with nothing under them at the end, before or after the gap mark', () => {
    expect(withoutDanglingIntro('Updates to the latest version.\n\n**Options**')).toBe('Updates to the latest version.');
    expect(withoutDanglingIntro('Updates to the latest version.\n\n**Options**\n\n**`--latest`**\n\n…')).toBe('Updates to the latest version.\n\n…');
    expect(withoutDanglingIntro('Updates to the latest version.\n\n### Options')).toBe('Updates to the latest version.');
  });

  test('drops a sub-heading inside the quote whose content was left out, before the next one as high', () => {
    const quote = '…\n\n**Basic globbing**\n\n…\n\n**Matching behavior vs. Bash**\n\nBash will match `foo/bar/baz` with `*`.';
    expect(withoutDanglingIntro(quote)).toBe('…\n\n**Matching behavior vs. Bash**\n\nBash will match `foo/bar/baz` with `*`.');
    // Under it, a deeper heading is its content.
    const nested = '### Options\n\n…\n\n**`--latest`**\n\nUpdates to the latest version.';
    expect(withoutDanglingIntro(nested)).toBe(nested);
  });

  test('keeps a closing paragraph that only begins in bold, and a quote that is nothing but a sub-heading', () => {
    expect(withoutDanglingIntro('Text.\n\n**Note:** runs twice.')).toBe('Text.\n\n**Note:** runs twice.');
    expect(withoutDanglingIntro('Text.\n\n**Both** flags run **twice**')).toBe('Text.\n\n**Both** flags run **twice**');
    expect(withoutDanglingIntro('**Options**')).toBe('**Options**');
  });

  test('keeps an introduction followed by what it introduces, and a list item ending in a colon', () => {
    expect(withoutDanglingIntro('Run:\n\n```sh\nnpx atomkit lint\n```')).toBe('Run:\n\n```sh\nnpx atomkit lint\n```');
    expect(withoutDanglingIntro('Text.\n\n- Options:')).toBe('Text.\n\n- Options:');
  });
});

describe('relevantOptions', () => {
  const help = [
    '```',
    'Usage: bench [opts] URL',
    'Available options:',
    '  -c/--connections NUM',
    '        The number of concurrent connections to use. default: 10.',
    '  -p/--pipelining NUM',
    '        The number of pipelined requests to use. default: 1.',
    '  -d/--duration SEC',
    '        The number of seconds to run the benchmark. default: 10.',
    '  -m/--method METHOD',
    '        The HTTP method to use. default: GET.',
    '  -H/--headers K=V',
    '        The request headers.',
    '  -j/--json',
    '        Print the output as newline delimited JSON.',
    '  -h/--help',
    '        Print this menu.',
    '```',
  ].join('\n');

  test("cuts a command's help text to its usage and the options asked about, the fence kept", () => {
    expect(relevantOptions(help, ['connect', 'durat'], 30)).toBe(
      [
        '```',
        'Usage: bench [opts] URL',
        'Available options:',
        '  -c/--connections NUM',
        '        The number of concurrent connections to use. default: 10.',
        '  …',
        '  -d/--duration SEC',
        '        The number of seconds to run the benchmark. default: 10.',
        '  …',
        '```',
      ].join('\n'),
    );
  });

  test('leaves an example or a help text with nothing asked about to be quoted whole', () => {
    expect(relevantOptions(help, ['proxy'], 30)).toBeUndefined();
    expect(relevantOptions('```sh\nbench -c 10 -d 5 http://localhost:3000\n```', ['connect'], 30)).toBeUndefined();
  });

  test('a long help text in a section is quoted cut to what was asked', () => {
    const out = trimToRelevant(`Run it from the command line:\n\n${help}`, ['header'], 20);
    expect(out).toContain('-H/--headers K=V');
    expect(out).not.toContain('--pipelining');
    expect(out.match(/```/g)).toHaveLength(2);
  });
});
