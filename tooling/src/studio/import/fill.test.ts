import { describe, expect, test } from 'vitest';
import { fillSections } from './fill.js';

describe('fillSections', () => {
  test('cuts an error at its cause and its fix, in source order', () => {
    const body = fillSections('error', 'The store moved.\n\nThis happens when the store directory changed.\n\nTo fix it, run `pnpm install`.\n\n```sh\npnpm install\n```');
    expect(body.sections).toEqual([
      { heading: 'What it means', body: 'The store moved.' },
      { heading: 'Causes', body: 'This happens when the store directory changed.' },
      { heading: 'How to resolve', body: 'To fix it, run `pnpm install`.\n\n```sh\npnpm install\n```' },
    ]);
    expect(body.prompts).toEqual([]);
  });

  test('a note that a rule is fixable, or what a rule ensures, is no fix', () => {
    const body = fillSections('error', 'Fixable: Some violations can be fixed by tooling\n\nEnsures lists are numbered in order.\n\nTo fix this, renumber the list.');
    expect(body.sections.map((section) => section.body)).toEqual([
      'Fixable: Some violations can be fixed by tooling\n\nEnsures lists are numbered in order.',
      'What usually causes it, most common first.',
      'To fix this, renumber the list.',
    ]);
  });

  test('a fix told before anything that reads as a cause starts the resolution, and what follows it stays there', () => {
    const body = fillSections('error', 'Triggered when a URL is bare.\n\nTo fix this, add angle brackets.\n\nBecause some parsers link it anyway, a code span keeps it plain.');
    expect(body.sections.map((section) => section.body)).toEqual([
      'Triggered when a URL is bare.',
      'What usually causes it, most common first.',
      'To fix this, add angle brackets.\n\nBecause some parsers link it anyway, a code span keeps it plain.',
    ]);
    expect(body.prompts).toEqual(['Causes']);
  });

  test("a rule reference's opening facts (tags, aliases, a parameter list) close its first section, after what it means", () => {
    const facts = 'Tags: `whitespace`\n\nAliases: `no-trailing-spaces`\n\nParameters:\n\n- `br_spaces`: Spaces for line break (`integer`, default `2`)';
    const body = fillSections('error', `${facts}\n\nThis rule is triggered on lines that end with whitespace.\n\nThis happens when an editor keeps indentation.\n\nTo fix this, remove the trailing space.`);
    expect(body.sections.map((section) => section.body)).toEqual([
      `This rule is triggered on lines that end with whitespace.\n\n${facts}`,
      'This happens when an editor keeps indentation.',
      'To fix this, remove the trailing space.',
    ]);
  });

  test('a line or two of facts above a command reads well where it is, and stays', () => {
    const markdown = 'Added in: v11.0.0\n\nAliases: `ic`\n\nInstalls from the lockfile, clean.';
    expect(fillSections('interface-input', markdown).sections[0]!.body).toBe(markdown);
  });

  test('keeps the prompt only where the source has nothing, and says so', () => {
    const body = fillSections('procedure', 'Deploy in two steps.\n\n1. Build it.\n2. Ship it.');
    expect(body.lead).toBe('Deploy in two steps.');
    expect(body.sections.map((section) => section.body)).toEqual(['Role, system state and inputs needed before step 1.', '1. Build it.\n2. Ship it.', 'How to check that it worked.']);
    expect(body.prompts).toEqual(['Prerequisites', 'Verify']);
  });

  test('a docs heading names the section it belongs to', () => {
    const body = fillSections('error', '> **MissingSharp**: no sharp.\n\n### What went wrong?\n\nNot installed.\n\n### How to fix\n\nInstall it.');
    expect(body.lead).toBe('> **MissingSharp**: no sharp.');
    expect(body.sections.map((section) => section.body)).toEqual(['Not installed.', 'What usually causes it, most common first.', 'Install it.']);
  });

  test('one heading that names a section and holds its shape (numbered steps) places it; the cues place what is above', () => {
    const body = fillSections('procedure', 'The agent forwards orders.\n\n> **Before you begin**\n>\n> You need root.\n\n### Steps\n\n1. Install it.\n2. Start it.');
    expect(body.lead).toBe('The agent forwards orders.');
    expect(body.sections.slice(0, 2)).toEqual([
      { heading: 'Prerequisites', body: '> **Before you begin**\n>\n> You need root.' },
      { heading: 'Steps', body: '1. Install it.\n2. Start it.' },
    ]);
    expect(body.prompts).toEqual(['Verify']);
    // Without that shape, one heading is only a name the page happens to use.
    expect(fillSections('procedure', 'Intro.\n\n### Steps\n\nSee the guide.').sections[1]!.body).not.toContain('See the guide.');
  });

  test('an example does not start at a line that shows what the code before it does', () => {
    const page = 'To redact keys, list them in `redact`:\n\n```js\npino({ redact: ["key"] })\n```\n\nThis will output:\n\n```json\n{"key":"[Redacted]"}\n```\n\nFor instance, setting the censor:\n\n```js\npino({ redact: { paths: ["key"], censor: "**" } })\n```';
    const body = fillSections('interface-input', page);
    expect(body.sections.find((section) => section.heading === 'Example')?.body).toBe('For instance, setting the censor:\n\n```js\npino({ redact: { paths: ["key"], censor: "**" } })\n```');
    expect(body.sections[0]!.body).toContain('This will output:\n\n```json');
  });

  test('never cuts inside a sub-section', () => {
    const body = fillSections('interface-input', 'Options of the service.\n\n### port\n\n- Type: `number`\n- Default: `8080`\n\n```yaml\nport: 1\n```');
    expect(body.sections[0]!.body).toBe('Options of the service.\n\n### port\n\n- Type: `number`\n- Default: `8080`\n\n```yaml\nport: 1\n```');
  });

  test('turns question headings into Q/A pairs', () => {
    expect(fillSections('faq', '### Does it work on Windows?\n\nYes, it does.\n\n### Why hard links?\n\n```sh\nls -l\n```').lead).toBe('Q: Does it work on Windows?\n\nA: Yes, it does.\n\nQ: Why hard links?\n\nA:\n\n```sh\nls -l\n```');
  });

  test('keeps a question heading as the page writes it: code spans, and entities that would otherwise read as a tag', () => {
    expect(fillSections('faq', '## `pnpm` does not work with &lt;YOUR-PROJECT-HERE>?\n\nIt does.\n\n## Notes on &lt;pkg>\n\nMore.').lead).toBe(
      'Q: `pnpm` does not work with &lt;YOUR-PROJECT-HERE>?\n\nA: It does.\n\n**Notes on &lt;pkg>**\n\nMore.',
    );
  });
});

test('an option that opens with its Type/Default list gets its description as the Input', () => {
  const body = fillSections('interface-input', '* Default: **false**\n* Type: **Boolean**\n\nDo not run any scripts.\n\n```sh\npnpm install --ignore-scripts\n```');
  expect(body.sections.map((section) => section.body)).toEqual(['Do not run any scripts.', '* Default: **false**\n* Type: **Boolean**', '```sh\npnpm install --ignore-scripts\n```']);
});

test('a paragraph that introduces a list stays above it when the Type list moves below the description', () => {
  const body = fillSections(
    'interface-input',
    "- **Type:** `string[]`\n\nRestrict files that could be served.\n\nA valid workspace met the following conditions.\n\n- contains `workspaces`\n- contains `lerna.json`\n\nFor example:\n\n```js\nallow: ['..']\n```",
  );
  expect(body.sections.map((section) => section.body)).toEqual([
    'Restrict files that could be served.',
    '- **Type:** `string[]`\n\nA valid workspace met the following conditions.\n\n- contains `workspaces`\n- contains `lerna.json`',
    "For example:\n\n```js\nallow: ['..']\n```",
  ]);
});

test("an HTML comment under an option's heading goes with the section after it, so the one before is not left showing nothing", () => {
  const entry = '* `input` {string} The resource.\n  **Default:** `null`.\n\n```js\nawait fetch(url)\n```';
  const comment = '<!-- YAML\nadded: v5.6.0\n-->';
  const body = fillSections('interface-input', `${comment}\n\n${entry}`);
  expect(body.sections[1]!.body.startsWith(`${comment}\n\n* \`input\``)).toBe(true);
  // With the comment or without it, the same sections are left to fill.
  expect(body.prompts).toContain('Input');
  expect(body.prompts).toEqual(fillSections('interface-input', entry).prompts);
});
