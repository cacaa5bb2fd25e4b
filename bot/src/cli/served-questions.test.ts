import { describe, expect, test } from 'vitest';
import { parseQuestionSet } from '../../../tooling/src/eval/questions.js';
import type { ExportedExchange } from '../store/threads.js';
import { normalizeQuestion } from '../store/cache.js';
import { appendQuestions, guessKind, servedId, servedQuestionSet } from './served-questions.js';

let seq = 0;
function exchange(question: string, fields: Partial<ExportedExchange> = {}): ExportedExchange {
  seq++;
  return {
    threadId: `t${seq}`,
    messageId: `m${seq}`,
    askedAt: `2026-12-01T00:00:${String(seq).padStart(2, '0')}Z`,
    question,
    language: 'en',
    answer: 'An answer [1].',
    citations: [{ n: 1, title: 'Run the linter locally', url: '/procedure/run-the-linter-locally/', section: null, snippet: '', atomId: 'procedure/run-the-linter-locally' }],
    answered: true,
    mode: 'extractive',
    model: null,
    degraded: false,
    cached: false,
    latencyMs: 3,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    feedback: [],
    ...fields,
  };
}

async function* stream(...exchanges: ExportedExchange[]): AsyncGenerator<ExportedExchange> {
  yield* exchanges;
}

const header = ' drafted for a test';

describe('servedQuestionSet', () => {
  test('proposes the cited atoms as gold and a refusal as unanswerable, in a set atomkit eval reads', async () => {
    const drafted = await servedQuestionSet(
      stream(
        exchange('How do I run the linter locally?'),
        exchange('Can atoms be written in AsciiDoc?', { answered: false, citations: [] }),
        exchange('lint 一つだけ実行するには？', { language: 'ja' }),
      ),
      header,
    );
    expect(drafted.questions).toBe(3);
    const set = parseQuestionSet(drafted.yaml!, 'served.yaml');
    expect(set.questions.map((q) => [q.text, q.gold, q.unanswerable, q.language])).toEqual([
      ['How do I run the linter locally?', ['procedure/run-the-linter-locally'], false, 'en'],
      ['Can atoms be written in AsciiDoc?', [], true, 'en'],
      ['lint 一つだけ実行するには？', ['procedure/run-the-linter-locally'], false, 'ja'],
    ]);
    expect(drafted.yaml).toMatch(/^# drafted for a test\n/);
  });

  test('says above each question what to check, from what the service did and what readers voted', async () => {
    const drafted = await servedQuestionSet(
      stream(
        exchange('Is Windows supported?', { feedback: [{ rating: 'down', comment: 'wrong page', createdAt: '2026-12-01T00:01:00Z' }] }),
        exchange('How do I publish the site?', { feedback: [{ rating: 'up', comment: null, createdAt: '2026-12-01T00:01:00Z' }] }),
        exchange('Does it support Slack?', { answered: false }),
      ),
      header,
    );
    const comments = drafted.yaml!.split('\n').filter((line) => /^\s+#/.test(line));
    expect(comments).toHaveLength(3);
    expect(comments[0]).toMatch(/down-voted: the proposed gold is what the answer cited, which a reader found wrong/);
    expect(comments[1]).toMatch(/answered from what it cited \(up-voted\)/);
    expect(comments[2]).toMatch(/refused; the closest pages were procedure\/run-the-linter-locally: if an atom answers it, replace `unanswerable: true`/);
    expect(parseQuestionSet(drafted.yaml!, 'served.yaml').questions[2]!.unanswerable).toBe(true);
  });

  test('keeps the first question of each conversation once, and counts what it leaves out', async () => {
    const opening = exchange('How do I run the linter locally?');
    const drafted = await servedQuestionSet(
      stream(
        opening,
        exchange('and on Windows?', { threadId: opening.threadId }),
        exchange('how do i run the linter locally', { feedback: [] }),
        exchange('x'.repeat(2001)),
      ),
      header,
    );
    expect(drafted).toMatchObject({ questions: 1, followUps: 1, repeats: 1, tooLong: 1 });
    expect(drafted.yaml).toMatch(/asked 2 times/);
    expect(parseQuestionSet(drafted.yaml!, 'served.yaml').questions.map((q) => q.text)).toEqual(['How do I run the linter locally?']);
  });

  test('masks a credential pasted into a question, in its text and its id, and says so above it', async () => {
    const token = `npm_${'abcdefghij'.repeat(3)}012345`;
    const drafted = await servedQuestionSet(stream(exchange(`${token} gives 401 on npm publish, why?`)), header);
    expect(drafted.yaml).not.toContain(token);
    expect(drafted.yaml).not.toContain(token.slice(0, 12).toLowerCase());
    const [entry] = parseQuestionSet(drafted.yaml!, 'served.yaml').questions;
    expect(entry!.text).toBe('<credential removed> gives 401 on npm publish, why?');
    expect(drafted.yaml).toMatch(/a credential masked in the question/);
    // Two pastes that differ only in their token are one question, under one id.
    const other = `npm_${'klmnopqrst'.repeat(3)}987654`;
    const twice = await servedQuestionSet(stream(exchange(`${token} gives 401 on npm publish, why?`), exchange(`${other} gives 401 on npm publish, why?`)), header);
    expect(twice).toMatchObject({ questions: 1, repeats: 1 });
    expect(parseQuestionSet(twice.yaml!, 'served.yaml').questions).toHaveLength(1);
  });

  test('writes nothing when no question opened a conversation', async () => {
    expect(await servedQuestionSet(stream(), header)).toEqual({ questions: 0, repeats: 0, followUps: 0, tooLong: 0, tooShort: 0, already: 0 });
    expect(await servedQuestionSet(stream(exchange('hi'), exchange('  ?  '), exchange('😀😀')), header)).toEqual({ questions: 0, repeats: 0, followUps: 0, tooLong: 0, tooShort: 3, already: 0 });
  });

  test('control characters stay in the question, escaped; characters that only reorder how a line shows are dropped', async () => {
    const drafted = await servedQuestionSet(stream(exchange('why \u0000 here and \u202Eevil\u202C and\ttab?')), header);
    expect(drafted.yaml).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(parseQuestionSet(drafted.yaml!, 'served.yaml').questions[0]!.text).toBe('why \u0000 here and evil and\ttab?');
  });

  test('a pasted multi-line log, YAML-looking text and quotes stay the question, byte for byte', async () => {
    const pasted = 'Error: connect ECONNREFUSED 127.0.0.1:4321\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n# not a comment\nkey: "value" - [x]';
    const set = parseQuestionSet((await servedQuestionSet(stream(exchange(pasted)), header)).yaml!, 'served.yaml');
    expect(set.questions[0]!.text).toBe(pasted);
    expect(set.questions[0]!.kind).toBe('pasted-error');
  });
});

describe('appendQuestions', () => {
  const reviewed = [
    '# reviewed by hand',
    'questions:',
    '  # checked: right',
    '  - {id: served-old, kind: keyword, text: "old question", gold: [procedure/run-the-linter-locally]}',
    '',
  ].join('\n');

  test('adds new questions after the reviewed ones, skipping those already there, and leaves every byte of the set as it was', async () => {
    const old = exchange('old question');
    const drafted = await servedQuestionSet(stream(exchange('old question'), exchange('How do I publish the site?', { answered: false, citations: [] })), header, { ids: new Set([servedId(old.question)]), keys: new Set() });
    expect(drafted).toMatchObject({ questions: 1, already: 1 });
    // A question whose id a reviewer changed is still known by its words.
    expect(await servedQuestionSet(stream(exchange('Old question?')), header, { ids: new Set(['served-renamed']), keys: new Set([normalizeQuestion('old question')]) })).toMatchObject({ questions: 0, already: 1 });
    const appended = appendQuestions(reviewed, drafted.yaml!)!;
    expect(appended.startsWith(reviewed)).toBe(true);
    const set = parseQuestionSet(appended, 'served.yaml');
    expect(set.questions.map((q) => [q.text, q.unanswerable])).toEqual([
      ['old question', false],
      ['How do I publish the site?', true],
    ]);
    expect(appended).toMatch(/\n {2}# refused: if an atom answers it/);
  });

  test('indents the new items as the set indents its own, block text included', async () => {
    const flush = 'questions:\n- id: a-one\n  kind: keyword\n  text: first one\n  unanswerable: true\n';
    const drafted = await servedQuestionSet(stream(exchange('Error: x\n    at y (z:1:2)')), header);
    const appended = appendQuestions(flush, drafted.yaml!)!;
    expect(appended).toMatch(/\n- id: served-/);
    expect(parseQuestionSet(appended, 'served.yaml').questions.map((q) => q.text)).toEqual(['first one', 'Error: x\n    at y (z:1:2)']);
  });

  test('refuses a set it cannot add to without rewriting it: a flow list, or a list that does not end the file', async () => {
    const drafted = (await servedQuestionSet(stream(exchange('How do I publish the site?')), header)).yaml!;
    expect(appendQuestions('questions: [{id: a-one, kind: keyword, text: first one, unanswerable: true}]\n', drafted)).toBeUndefined();
    expect(appendQuestions('questions:\n  - {id: a-one, kind: keyword, text: first one, unanswerable: true}\ncorpus: ../docs\n', drafted)).toBeUndefined();
  });
});

describe('servedId', () => {
  test('is the same for the same question, whatever its case and spacing, and fits the schema', () => {
    expect(servedId('How do I run the linter locally?')).toBe('served-how-do-i-run-the-linter-locally-ecdf62');
    expect(servedId('how  do I run the linter locally')).toBe('served-how-do-i-run-the-linter-locally-ecdf62');
    expect(servedId('How do I run the linter locally?')).not.toBe(servedId('How do I run the linter remotely?'));
    for (const text of ['How do I run the linter locally?', 'lint 一つだけ実行するには？', '???', 'a'.repeat(300)]) {
      expect(servedId(text)).toMatch(/^served-[a-z0-9][a-z0-9-]*$/);
      expect(servedId(text).length).toBeLessThanOrEqual(80);
    }
  });
});

describe('guessKind', () => {
  test.each([
    ['Error: ENOENT: no such file\n    at open (node:fs:1:1)', 'pasted-error'],
    ['atoms/error/x.md:3:1 frontmatter/schema missing summary', 'pasted-error'],
    ['{"statusCode":413,"code":"ATOMKIT_ERR_BODY_TOO_LARGE"}', 'pasted-error'],
    ['npm error 401 Unauthorized when I publish', 'pasted-error'],
    ['How do I lint one atom? And can CI do it?', 'multi-part'],
    ['minScore default', 'keyword'],
    ['How do I run the linter locally?', 'paraphrase'],
  ])('%s -> %s', (text, kind) => {
    expect(guessKind(text)).toBe(kind);
  });
});
