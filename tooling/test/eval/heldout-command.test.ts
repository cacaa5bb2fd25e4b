/**
 * `atomkit eval` end to end on the fixture project plus a question set about another project's
 * docs: every set measured on its dev and test parts, the docs imported and indexed at run time
 * under `.atomkit/eval-corpora`, and refusals of questions the atoms do not answer.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load.js';
import { buildIndex } from '../../src/retrieval/build.js';

const fixture = fileURLToPath(new URL('./fixtures/project', import.meta.url));
let project: string;

async function run(...args: string[]) {
  const io = memoryIo();
  const code = await main(['--cwd', project, ...args], io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  project = mkdtempSync(path.join(os.tmpdir(), 'atomkit-eval-heldout-'));
  cpSync(fixture, project, { recursive: true });
  const docs = path.join(project, 'vendor-docs', 'docs');
  mkdirSync(path.join(docs, 'cli'), { recursive: true });
  writeFileSync(path.join(docs, 'errors.md'), '---\ntitle: Error codes\n---\n\n## ERR_WIDGET_LOCKED\n\nThe widget lockfile is out of date. Run `widget install` to refresh it.\n');
  writeFileSync(path.join(docs, 'cli', 'install.md'), '---\ntitle: widget install\n---\n\nInstalls every dependency of the project.\n\n## Options\n\n### --frozen\n\nFail instead of updating the lockfile.\n');
  mkdirSync(path.join(project, 'eval', 'corpora'), { recursive: true });
  writeFileSync(
    path.join(project, 'eval', 'corpora', 'widget.yaml'),
    [
      'corpus: ../../vendor-docs/docs',
      'questions:',
      '  - {id: w-locked, text: "ERR_WIDGET_LOCKED lockfile out of date", kind: pasted-error, sources: [errors.md]}',
      '  - {id: w-frozen, text: make install fail when the lockfile would change, kind: paraphrase, sources: [cli/install.md]}',
      '  - {id: w-none, text: how do I deploy to kubernetes with helm, kind: vague, unanswerable: true}',
      '',
    ].join('\n'),
  );
  // By the hash of their ids, parts-b and parts-c are in the dev part, parts-a and parts-f in the test part.
  writeFileSync(
    path.join(project, 'eval', 'questions.parts.yaml'),
    [
      'questions:',
      '  - {id: parts-b, text: how do I empty the ingest queue, kind: paraphrase, gold: [procedure/drain-the-ingest-queue]}',
      '  - {id: parts-c, text: what day do invoices arrive, kind: keyword, gold: [procedure/drain-the-ingest-queue]}',
      '  - {id: parts-a, text: a held-out question about invoices arriving, kind: keyword, gold: [procedure/drain-the-ingest-queue]}',
      '  - {id: parts-f, text: the held-out unanswerable question about helm charts, kind: vague, unanswerable: true}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(project, 'eval', 'questions.none.yaml'),
    'questions:\n  - {id: none-capital, text: what is the capital of Australia, kind: vague, unanswerable: true}\n  - {id: none-slack, text: can the bot answer in Slack channels, kind: vague, unanswerable: true}\n',
  );
  await buildIndex(loadConfig({ cwd: project, env: {} }), { onWarning: () => {} });
}, 60_000);

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

test('reports dev and test parts of every set, imports the corpus under .atomkit, and refuses what the atoms do not answer', async () => {
  const { code, out } = await run('eval');
  expect(code).toBe(0);
  expect(out).toMatch(/^set\s+part\s+questions\s+hit@1\s+hit@5\s+MRR\s+unanswerable\s+refusal precision\s+refusal recall/m);
  for (const set of ['eval/questions.yaml', 'eval/questions.none.yaml', 'eval/corpora/widget.yaml']) expect(out).toMatch(new RegExp(`^${set.replace(/\./g, '\\.')}\\s+(dev|test)\\s`, 'm'));
  const report = JSON.parse(readFileSync(path.join(project, 'eval/report.json'), 'utf8'));
  const sets = Object.fromEntries(report.heldout.sets.map((s: { set: string }) => [s.set, s]));
  const widget = sets['eval/corpora/widget.yaml'];
  expect(widget.corpus).toBe('vendor-docs/docs');
  expect(widget.questions.find((q: { id: string }) => q.id === 'w-locked').score.rank).toBe(1);
  expect(widget.questions.find((q: { id: string }) => q.id === 'w-none').answered).toBe(false);
  expect(sets['eval/questions.none.yaml'].questions.every((q: { answered: boolean }) => !q.answered)).toBe(true);
  // The refusal figures judge each question by the confidence the chat service refuses by.
  for (const set of report.heldout.sets) for (const q of set.questions) expect({ id: q.id, answered: q.answered }).toEqual({ id: q.id, answered: q.confidence >= report.heldout.minScore });
  expect(readdirSync(path.join(project, '.atomkit', 'eval-corpora'))).toEqual([expect.stringMatching(/^widget-[0-9a-f]{10}$/)]);
  expect(readdirSync(path.join(project, 'vendor-docs', 'docs')).sort()).toEqual(['cli', 'errors.md']);
  const md = readFileSync(path.join(project, 'eval/report.md'), 'utf8');
  expect(md).toContain('## Dev and test parts of every question set');
  expect(md).toContain('### Refusing by confidence');
  expect(md).toContain('### Test parts per question kind');
}, 60_000);

test('--part dev measures and prints only the dev part, and leaves the report of every part as it was', async () => {
  const report = path.join(project, 'eval', 'report.json');
  const before = existsSync(report) ? readFileSync(report, 'utf8') : undefined;
  const { code, out } = await run('eval', '--part', 'dev', '--questions', path.join(project, 'eval', 'questions.parts.yaml'));
  expect(code).toBe(0);
  expect(out).toMatch(/^eval\/questions\.parts\.yaml\s+dev\s+2\s/m);
  expect(out).not.toMatch(/^eval\/questions\.parts\.yaml\s+test\s/m);
  expect(existsSync(report) ? readFileSync(report, 'utf8') : undefined).toBe(before);
});

test('measures the one question set named after `atomkit eval`, as --questions does, leaves the report of every set as it was, and refuses two different sets', async () => {
  const file = path.join(project, 'eval', 'questions.parts.yaml');
  const report = path.join(project, 'eval', 'report.json');
  const before = existsSync(report) ? readFileSync(report, 'utf8') : undefined;
  const { code, out } = await run('eval', file);
  expect(code).toBe(0);
  expect(out).toMatch(/^eval\/questions\.parts\.yaml\s+dev\s+2\s/m);
  expect(out).toMatch(/^eval\/questions\.parts\.yaml\s+test\s+2\s/m);
  expect(out).not.toMatch(/^eval\/questions\.yaml\s/m);
  expect(out).not.toMatch(/^Report:/m);
  expect(existsSync(report) ? readFileSync(report, 'utf8') : undefined).toBe(before);
  const two = await run('eval', file, '--questions', path.join(project, 'eval', 'questions.none.yaml'));
  expect(two.code).toBe(2);
  expect(two.err).toMatch(/Two question sets were given/);
});

test('--misses lists the missed questions of the part run, with gold atoms, the best hit and its confidence, and nothing of the other part', async () => {
  const { code, out } = await run('eval', '--part', 'dev', '--misses', '--questions', path.join(project, 'eval', 'questions.parts.yaml'));
  expect(code).toBe(0);
  expect(out).toContain('1 missed:');
  expect(out).toMatch(/^set\s+part\s+question\s+gold\s+rank\s+first\s+confidence\s+outcome/m);
  expect(out).toMatch(/^eval\/questions\.parts\.yaml\s+dev\s+what day do invoices arrive\s+procedure\/drain-the-ingest-queue\s+-\s+faq\/billing-questions\s+\d\.\d\d\s+not in the top 5$/m);
  expect(out).not.toContain('held-out');
  const test = await run('eval', '--part', 'test', '--misses', '--no-write', '--questions', path.join(project, 'eval', 'questions.parts.yaml'));
  expect(test.out).toContain('a held-out question about invoices arriving');
  expect(test.out).not.toContain('what day do invoices arrive');
});

test('--json prints the figures of each set and part and the suggested threshold as JSON alone, with --misses the missed questions', async () => {
  const { code, out, err } = await run('eval', '--part', 'dev', '--json', '--misses', '--questions', path.join(project, 'eval', 'questions.parts.yaml'));
  expect(code).toBe(0);
  const summary = JSON.parse(out);
  expect(summary).toMatchObject({ minScore: expect.any(Number), suggestedMinScore: expect.any(Number) });
  expect(summary.sets).toHaveLength(1);
  expect(summary.sets[0]).toMatchObject({ set: 'eval/questions.parts.yaml', parts: { dev: { questions: 2, retrieval: { hit1: expect.any(Number) } } } });
  expect(summary.sets[0].questions).toBeUndefined();
  expect(summary.misses).toEqual([expect.objectContaining({ part: 'dev', question: 'what day do invoices arrive', gold: ['procedure/drain-the-ingest-queue'], outcome: 'not in the top 5' })]);
  expect(err).not.toMatch(/^Report:/m);
  // Writing the report, the line that says where goes to stderr: stdout stays JSON.
  const all = await run('eval', '--json', '--questions', path.join(project, 'eval', 'questions.parts.yaml'), '--out', path.join(project, 'json-report'));
  expect(JSON.parse(all.out).sets[0].parts.test.questions).toBe(2);
  expect(all.err).toMatch(/Report: .*report\.md/);
});

test('--set-min-score writes the threshold the dev parts suggest into atomkit.config.yaml, keeping what else it says', async () => {
  const config = path.join(project, 'atomkit.config.yaml');
  const original = readFileSync(config, 'utf8');
  const questions = path.join(project, 'eval', 'questions.parts.yaml');
  try {
    writeFileSync(config, `# the team's knowledge base\n${original}bot:\n  minScore: 0.9 # too strict\n`);
    const suggested = JSON.parse((await run('eval', '--part', 'dev', '--json', '--questions', questions)).out).suggestedMinScore;
    const { code, out } = await run('eval', '--part', 'dev', '--set-min-score', '--questions', questions);
    expect(code).toBe(0);
    expect(out).toContain(`bot.minScore 0.9 -> ${suggested} in `);
    expect(out).toMatch(/at it the dev parts refuse \d+ of 2 answerable questions/);
    expect(readFileSync(config, 'utf8')).toBe(`# the team's knowledge base\n${original}bot:\n  minScore: ${suggested} # too strict\n`);
    expect(loadConfig({ cwd: project, env: {} }).bot.minScore).toBe(suggested);
  } finally {
    writeFileSync(config, original);
  }
});

test('--set-min-score refuses the test parts, a project with no config file to write into, and a config it cannot write, exit 2, writing nothing', async () => {
  const onTest = await run('eval', '--part', 'test', '--set-min-score', '--no-write');
  expect(onTest.code).toBe(2);
  expect(onTest.err).toContain('--set-min-score calibrates on the dev parts: run it with --part dev or all, never on the test parts.');
  const bare = mkdtempSync(path.join(os.tmpdir(), 'atomkit-eval-no-config-'));
  try {
    cpSync(path.join(project, 'atoms'), path.join(bare, 'atoms'), { recursive: true });
    const io = memoryIo();
    expect(await main(['--cwd', bare, 'eval', '--part', 'dev', '--set-min-score'], io)).toBe(2);
    expect(io.err).toMatch(/No atomkit\.config\.yaml to write bot\.minScore into: none was found from .* upward\./);
    expect(readdirSync(bare)).toEqual(['atoms']);
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
  // A config that cannot be written is one line and exit 2, and stays as it was.
  const config = path.join(project, 'atomkit.config.yaml');
  const before = readFileSync(config, 'utf8');
  const blocker = path.join(project, `.atomkit.config.yaml.${process.pid}.tmp`);
  mkdirSync(blocker);
  try {
    const blocked = await run('eval', '--part', 'dev', '--set-min-score', '--questions', path.join(project, 'eval', 'questions.parts.yaml'));
    expect(blocked.code).toBe(2);
    expect(blocked.err).toMatch(/^error Could not write bot\.minScore into .*atomkit\.config\.yaml: EEXIST.* The file is unchanged\.$/m);
    expect(readFileSync(config, 'utf8')).toBe(before);
  } finally {
    rmSync(blocker, { recursive: true, force: true });
  }
});

test('an unknown --part is a usage error, exit 2', async () => {
  const { code, err } = await run('eval', '--part', 'train', '--no-write');
  expect(code).toBe(2);
  expect(err).toContain('Unknown part `train` in --part, expected one of dev, test, all.');
});

test('a set whose corpus folder is missing is one clear error, exit 2', async () => {
  writeFileSync(path.join(project, 'eval', 'corpora', 'gone.yaml'), 'corpus: ../../no-such-docs\nquestions:\n  - {id: g, text: anything, kind: vague, sources: [a.md]}\n');
  try {
    const { code, err } = await run('eval', '--questions', path.join(project, 'eval', 'corpora', 'gone.yaml'), '--no-write');
    expect(code).toBe(2);
    expect(err).toMatch(/The corpus folder .*no-such-docs named by eval\/corpora\/gone\.yaml does not exist\./);
    expect(existsSync(path.join(project, '.atomkit', 'eval-corpora'))).toBe(true);
  } finally {
    rmSync(path.join(project, 'eval', 'corpora', 'gone.yaml'));
  }
});

test('a model that cannot be loaded is one warning for the whole run, not one per question set, and says "warning" once', async () => {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'atomkit-eval-no-model-'));
  try {
    cpSync(project, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}.atomkit`) });
    // Two sets about imported docs: each builds an index of its own, and each build tries the model.
    cpSync(path.join(copy, 'eval', 'corpora', 'widget.yaml'), path.join(copy, 'eval', 'corpora', 'widget-2.yaml'));
    writeFileSync(
      path.join(copy, 'atomkit.config.yaml'),
      `site:\n  title: Fixture knowledge base\nindex:\n  embedder:\n    provider: local\n    modelDir: ${JSON.stringify(path.join(copy, 'no-models'))}\n    allowRemote: false\n`,
    );
    expect(await main(['--cwd', copy, 'index'], memoryIo())).toBe(0);
    const io = memoryIo();
    expect(await main(['--cwd', copy, 'eval', '--part', 'dev', '--no-write'], io)).toBe(0);
    expect(io.err.match(/building the lexical index only/g)).toHaveLength(1);
    expect(io.err).not.toMatch(/warning\W+warning/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);
