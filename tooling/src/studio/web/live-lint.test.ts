import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyKnowledgeBase, REPO } from '../../../test/studio/studio-process.js';
import { loadConfig, type AtomkitConfig } from '../../config/load.js';
import { runLint } from '../../lint/run.js';
import { LiveLinter } from './live-lint.js';

let root: string;
let config: AtomkitConfig;

beforeAll(() => {
  root = copyKnowledgeBase();
  // Problems elsewhere in the knowledge base, which the atom being edited must not inherit.
  const elsewhere = path.join(root, 'atoms/procedure/run-the-linter-locally.md');
  writeFileSync(elsewhere, readFileSync(elsewhere, 'utf8').replace(/^related:\n/m, 'related:\n  - "Run the lintr locally"\n'));
  config = loadConfig({ cwd: root });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const runLinter = readFileSync(path.join(REPO, 'atoms/procedure/run-the-linter-locally.md'), 'utf8');
const jaRunLinter = readFileSync(path.join(REPO, 'atoms/ja/procedure/run-the-linter-locally.md'), 'utf8');

/** Edited texts, each with where it is saved and the rules it must trip. */
const CASES: readonly { name: string; file: string; text: string; codes: string[] }[] = [
  {
    name: 'a missing section, an unresolved `related` title and a title another atom has',
    file: 'atoms/procedure/linting-again.md',
    text: runLinter.replace(/^## Steps$/m, '## Stages').replace(/^related:\n/m, 'related:\n  - "Run the chat servce"\n'),
    codes: ['body/required-section', 'title/duplicate', 'related/unresolved'],
  },
  {
    name: 'a file that publishes to the page of another',
    file: 'atoms/procedure/Run-The-Linter-Locally.md',
    text: runLinter.replace(/^title: .*$/m, 'title: Lint the atoms on your machine'),
    codes: ['slug/duplicate'],
  },
  {
    name: 'a translation made from an older version of its source',
    file: 'atoms/ja/procedure/linter-copy.md',
    text: jaRunLinter.replace(/^title: .*$/m, 'title: 別のタイトル').replace(/^source_version: .*$/m, 'source_version: "0.0.1"'),
    codes: ['translation/stale'],
  },
  {
    name: 'a header that cannot be parsed',
    file: 'atoms/procedure/broken.md',
    text: '---\ntitle: [unclosed\n---\n\n## Steps\n\n1. One.\n',
    codes: ['frontmatter/yaml-syntax'],
  },
];

describe('LiveLinter', () => {
  test.each(CASES)('finds what `atomkit lint` finds in the saved file: $name', async ({ file, text, codes }) => {
    const absolute = path.join(root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    try {
      const cli = await runLint({ config, cwd: root, paths: [file], cache: false });
      const live = new LiveLinter(config).lint(text, absolute).diagnostics;
      expect(live).toEqual(cli.diagnostics.filter((d) => d.file === file));
      expect(live.map((d) => d.code)).toEqual(expect.arrayContaining(codes));
    } finally {
      rmSync(absolute);
    }
  });
});
