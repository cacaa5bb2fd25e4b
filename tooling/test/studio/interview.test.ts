import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintInterviewFile, lintInterviewText } from '../../src/studio/interview/lint.js';
import { parseInterviewText } from '../../src/studio/interview/parse.js';
import { FIXTURES } from './helpers.js';

const fixture = (name: string) => path.join(FIXTURES, 'interviews', name);

describe('interview transcripts', () => {
  test('turns carry the anchors written in the file, with speaker roles and their sections', () => {
    const interview = parseInterviewText(readFileSync(fixture('operator-short.md'), 'utf8'));
    expect(interview.problems).toEqual([]);
    expect(interview.turns.map((t) => [t.anchor, t.role, t.section])).toEqual([
      ['t-001', 'interviewer', 'Rebuilding the index'],
      ['t-002', 'interviewee', 'Rebuilding the index'],
      ['t-003', 'interviewer', 'Rebuilding the index'],
      ['t-004', 'interviewee', 'Rebuilding the index'],
      ['t-005', 'interviewer', 'Rebuilding the index'],
      ['t-006', 'interviewee', 'Rebuilding the index'],
    ]);
    // The numbered list and the paragraph after it belong to the turn that introduced them.
    expect(interview.turns[1]!.nodes.map((node) => node.type)).toEqual(['paragraph', 'list', 'paragraph']);
  });

  test('an anchor stays with its turn when a turn is inserted before it', () => {
    const text = readFileSync(fixture('operator-short.md'), 'utf8');
    const inserted = text.replace('<a id="t-003">', '<a id="t-007"></a>**Sam:** One more thing first.\n\n<a id="t-003">');
    const turns = parseInterviewText(inserted).turns;
    expect(turns.find((t) => t.anchor === 't-003')!.text).toBe('What goes wrong when two people rebuild at once?');
    expect(turns.map((t) => t.anchor)).toContain('t-007');
  });

  test('a transcript without a header is one interview/header problem at 1:1', () => {
    const problems = lintInterviewFile(fixture('no-header.md'), { projectRoot: FIXTURES });
    expect(problems.map((p) => [p.code, p.start.line, p.start.column])).toEqual([['interview/header', 1, 1]]);
  });

  test('turns with no speaker, unknown speakers and text outside turns are interview/turn-format errors', () => {
    const problems = lintInterviewFile(fixture('no-speaker.md'), { projectRoot: FIXTURES });
    expect(problems.map((p) => [p.code, p.start.line])).toEqual([
      ['interview/turn-format', 10],
      ['interview/turn-format', 14],
      ['interview/turn-format', 16],
      ['interview/turn-format', 18],
    ]);
    expect(problems[2]!.message).toContain('Unknown speaker `Kim`');
  });

  test('missing and repeated anchors are interview/turn-anchor errors with a fix using the next free number', () => {
    const problems = lintInterviewFile(fixture('missing-anchor.md'), { projectRoot: FIXTURES });
    expect(problems.map((p) => [p.code, p.start.line, p.fix?.text])).toEqual([
      ['interview/turn-anchor', 12, '<a id="t-002"></a>'],
      ['interview/turn-anchor', 14, '<a id="t-003"></a>'],
    ]);
  });

  test('header fields are checked against the interview schema with their positions', () => {
    const text = '---\ninterviewee: Sam\nrole: operator\ninterviewer: Mira\ndate: 12/11/2026\nsystem: atomkit\ntopics: [Index]\n---\n\n<a id="t-001"></a>**Mira:** Hi?\n';
    const problems = lintInterviewText(text, 'x.md');
    expect(problems.map((p) => [p.code, p.start.line])).toEqual([
      ['interview/schema', 5],
      ['interview/schema', 7],
    ]);
  });

  test('a binary file is reported, not parsed', () => {
    const problems = lintInterviewFile(path.join(FIXTURES, 'docs/guides/image.md'), { projectRoot: FIXTURES });
    expect(problems).toMatchObject([{ code: 'interview/header', message: expect.stringContaining('binary') }]);
  });
});

describe('lintInterviews', () => {
  test('lints every transcript of the project with project-relative paths, and tells transcripts from atoms', async () => {
    const { loadConfig } = await import('../../src/config/load.js');
    const { lintInterviews, isInterviewFile } = await import('../../src/studio/interview/lint.js');
    const { makeProject, copyFixture } = await import('./helpers.js');
    const dir = makeProject();
    copyFixture('interviews/missing-anchor.md', dir, 'interviews/a.md');
    copyFixture('interviews/operator-short.md', dir, 'interviews/b.md');
    const config = loadConfig({ cwd: dir });
    expect(lintInterviews(config).map((d) => [d.file, d.code, d.start.line])).toEqual([
      ['interviews/a.md', 'interview/turn-anchor', 12],
      ['interviews/a.md', 'interview/turn-anchor', 14],
    ]);
    expect(isInterviewFile(config, path.join(dir, 'interviews/b.md'))).toBe(true);
    expect(isInterviewFile(config, path.join(dir, 'atoms/x.md'))).toBe(false);
  });
});
