import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { migrate } from '../../../bot/src/store/migrations.js';
import { openSqlite } from '../../src/sqlite/database.js';
import { atomText, copyFixture, makeProject, run } from './helpers.js';

interface Coverage {
  atoms: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  interviews: { file: string; passages: number; cited: number }[];
  uncitedPassages: { ref: string }[];
  withoutFaq: string[];
  orphans: string[];
  stale: { title: string; lastChanged: string }[];
  oneWayRelated: { from: string; to: string }[];
  bot: { available: boolean; unanswered: { question: string; count: number; variants: string[] }[]; downVoted: { atomId: string; downVotes: number; comments: string[] }[] };
}

function project(): string {
  const dir = makeProject({
    'atoms/procedure/rebuild.md': atomText({
      title: 'Rebuild the index',
      related: ['Never delete the index while serving'],
      extra: 'updated: "2020-02-01"\nsources:\n  - ref: interviews/operator.md#t-002\n  - ref: ./interviews/operator.md#t-004',
    }),
    'atoms/pitfall/delete.md': atomText({ title: 'Never delete the index while serving', type: 'pitfall', related: ['Index questions'] }),
    'atoms/faq/questions.md': atomText({ title: 'Index questions', type: 'faq', related: ['Never delete the index while serving'] }),
  });
  copyFixture('interviews/operator-short.md', dir, 'interviews/operator.md');
  return dir;
}

function seedStore(dir: string): void {
  mkdirSync(path.join(dir, '.atomkit'), { recursive: true });
  const db = openSqlite(path.join(dir, '.atomkit/bot.sqlite'));
  migrate(db);
  const now = '2026-11-20T10:00:00.000Z';
  db.prepare('INSERT INTO threads VALUES (?, ?, ?)').run('th1', now, now);
  const citations = JSON.stringify([{ n: 1, title: 'Rebuild the index', url: '/procedure/rebuild/', section: null, snippet: 'x', atomId: 'procedure/rebuild' }]);
  const message = db.prepare(`INSERT INTO messages (id, thread_id, seq, role, content, citations, created_at) VALUES (?, 'th1', ?, ?, 'text', ?, ?)`);
  message.run('m1', 1, 'user', null, now);
  message.run('m2', 2, 'assistant', citations, now);
  message.run('m3', 3, 'assistant', citations, now);
  const vote = db.prepare(`INSERT INTO feedback (message_id, rating, comment, created_at) VALUES (?, ?, ?, ?)`);
  vote.run('m2', 'down', 'the command is wrong', now);
  vote.run('m3', 'down', null, now);
  vote.run('m3', 'up', null, now);
  const ask = db.prepare(`INSERT INTO unanswered (question, normalized, language, created_at) VALUES (?, ?, 'en', ?)`);
  ask.run('How do I rotate the API key?', 'how do i rotate the api key', now);
  ask.run('how do I rotate the api key', 'how do i rotate the api key', now);
  ask.run('How can I rotate the API keys?', 'how can i rotate the api keys', now);
  ask.run('Where are backups kept?', 'where are backups kept', now);
  db.close();
}

describe('atomkit coverage', () => {
  test('reports types, statuses, uncited passages, FAQ gaps, orphans, one-way links and stale atoms', async () => {
    const dir = project();
    const result = await run(dir, 'coverage', '--format', 'json', '--stale-months', '6');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as Coverage;
    expect(report.atoms).toBe(3);
    expect(report.byType).toMatchObject({ procedure: 1, pitfall: 1, faq: 1, error: 0 });
    expect(report.byStatus).toMatchObject({ published: 3 });
    expect(report.interviews).toEqual([{ file: 'interviews/operator.md', passages: 3, cited: 2 }]);
    expect(report.uncitedPassages.map((p) => p.ref)).toEqual(['interviews/operator.md#t-006']);
    expect(report.withoutFaq).toEqual(['Never delete the index while serving', 'Rebuild the index']);
    expect(report.orphans).toEqual(['Rebuild the index']);
    expect(report.oneWayRelated).toEqual([{ from: 'Rebuild the index', to: 'Never delete the index while serving' }]);
    expect(report.stale.map((s) => s.title)).toContain('Rebuild the index');
    expect(report.bot.available).toBe(false);
  });

  test("reads the chat store read-only: groups similar unanswered questions and ranks down-voted atoms", async () => {
    const dir = project();
    seedStore(dir);
    const report = JSON.parse((await run(dir, 'coverage', '--format', 'json')).out) as Coverage;
    expect(report.bot.available).toBe(true);
    expect(report.bot.unanswered.map((g) => [g.question, g.count])).toEqual([
      ['How do I rotate the API key?', 3],
      ['Where are backups kept?', 1],
    ]);
    expect(report.bot.downVoted).toEqual([{ atomId: 'procedure/rebuild', title: 'Rebuild the index', downVotes: 2, comments: ['the command is wrong'] }]);
  });

  test('the Markdown form is a PR comment with escaped user text', async () => {
    const dir = project();
    seedStore(dir);
    const md = (await run(dir, 'coverage')).out;
    expect(md).toMatch(/^## Knowledge base coverage\n/);
    expect(md).toContain('### Review first: atoms cited in down-voted answers');
    expect(md).toContain('- 3× "How do I rotate the API key?" (+2 wordings)');
    // Refused questions point to the question set that calibrates the refusal on them.
    expect(md).toMatch(/- 1× "Where are backups kept\?"\n\nSome may be answered by an atom the refusal missed: `atomkit conversations export --since <date> --format questions/);
    expect(md).toContain('| procedure | 1 |');
  });

  test('a file that is not a SQLite store does not break the report', async () => {
    const dir = makeProject({ '.atomkit/bot.sqlite': 'not a database' });
    const report = JSON.parse((await run(dir, 'coverage', '--format', 'json')).out) as Coverage;
    expect(report.bot.available).toBe(false);
  });

  test('a bad --format is a usage error', async () => {
    expect((await run(makeProject(), 'coverage', '--format', 'html')).code).toBe(2);
  });
});
