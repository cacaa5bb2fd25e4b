import { describe, expect, test } from 'vitest';
import { atomFromText } from '../atom/load.js';
import { resolveSources } from './coverage.js';
import { parseQuestionSet } from './questions.js';

const draft = (id: string, ref: string, valid = true) =>
  atomFromText(
    `/ws/atoms/${id}.md`,
    `---\ntitle: ${id}\nsummary: An imported page about ${id}.\ntype: procedure\nauthor: a\ncreated: "2026-01-01"\nversion: "0.1.0"\ntags: [imported]\nrelated: []\n${valid ? '' : 'bogus: true\n'}sources:\n  - ref: ${ref}\n---\n\n## Steps\n\n1. Do it.\n`,
    { root: '/ws/atoms', base: '/', locales: [] },
  );

describe('resolveSources', () => {
  const { questions } = parseQuestionSet('corpus: docs\nquestions:\n  - {id: q, text: lockfile?, kind: keyword, sources: [errors.md, cli/install.md]}\n  - {id: none, text: slack?, kind: vague, unanswerable: true}\n', '/kb/eval/x.yaml');

  test('names as gold every atom imported from each source page, in the order of the pages', () => {
    const atoms = [draft('procedure/install-b', 'docs/cli/install.md#options'), draft('error/errors', 'docs/errors.md'), draft('procedure/install-a', 'docs/cli/install.md', false)];
    const { questions: resolved, problems } = resolveSources(questions, atoms, 'docs');
    expect(problems).toEqual([]);
    expect(resolved[0]?.gold).toEqual(['error/errors', 'procedure/install-a', 'procedure/install-b']);
    expect(resolved[1]?.gold).toEqual([]);
  });

  test('reports a source page no atom was imported from', () => {
    const { problems } = resolveSources(questions, [draft('error/errors', 'docs/errors.md')], 'docs');
    expect(problems).toEqual([{ questionId: 'q', line: 3, message: 'No atom was imported from the source page `cli/install.md`.' }]);
  });
});
