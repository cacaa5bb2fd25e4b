/**
 * Reads what the chat service learned from its users, read-only, from its SQLite store (tables
 * `unanswered`, `messages`, `feedback`; see bot/src/store/migrations.ts) or its PostgreSQL store.
 * A missing file or a store without those tables yields nothing: coverage works before the bot
 * ever ran.
 */
import { existsSync } from 'node:fs';
import { distance } from 'fastest-levenshtein';
import { downVoteRows, unansweredRows } from '../../../../bot/src/store/sqlite.js';
import type { AtomkitConfig } from '../../config/load.js';
import { openSqlite, type Database } from '../../sqlite/database.js';

export interface QuestionGroup {
  /** The most frequent wording in the group. */
  readonly question: string;
  readonly count: number;
  readonly variants: readonly string[];
  readonly lastAsked: string;
  /** The atom that came closest, most often. */
  readonly closestAtom: string | undefined;
}

export interface DownVotedAtom {
  readonly atomId: string;
  readonly title: string;
  readonly downVotes: number;
  readonly comments: readonly string[];
}

export interface BotSignals {
  readonly available: boolean;
  /** Why there is nothing (no file, an older store), when `available` is false. */
  readonly note?: string;
  readonly unanswered: readonly QuestionGroup[];
  readonly downVoted: readonly DownVotedAtom[];
}

/** @param shown How to name the file in notes (a project-relative path). */
export function readBotSignals(dbFile: string, shown = dbFile): BotSignals {
  if (!existsSync(dbFile)) return { available: false, note: `no chat store at ${shown}`, unanswered: [], downVoted: [] };
  let db: Database;
  try {
    db = openSqlite(dbFile, { readOnly: true });
  } catch (error) {
    return { available: false, note: `cannot open the chat store: ${(error as Error).message}`, unanswered: [], downVoted: [] };
  }
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    const unanswered = tables.has('unanswered') ? groupQuestions(unansweredRows(db)) : [];
    const downVoted = tables.has('feedback') && tables.has('messages') ? tallyDownVotes(downVoteRows(db)) : [];
    return { available: true, unanswered, downVoted };
  } catch (error) {
    return { available: false, note: `cannot read the chat store: ${(error as Error).message}`, unanswered: [], downVoted: [] };
  } finally {
    db.close();
  }
}

/** The same signals from the PostgreSQL store at `url` (nothing, with a note, when it cannot be read). */
export async function readPostgresSignals(config: AtomkitConfig, url: string): Promise<BotSignals> {
  const [{ openPostgresStore }, { postgresSettings }] = await Promise.all([
    import('../../../../bot/src/store/postgres/store.js'),
    import('../../../../bot/src/store/postgres/connection.js'),
  ]);
  let store;
  try {
    store = await openPostgresStore(postgresSettings(config, url), { migrate: false });
  } catch (error) {
    return { available: false, note: `cannot open the chat store: ${(error as Error).message}`, unanswered: [], downVoted: [] };
  }
  try {
    const rows = await store.coverageRows();
    return { available: true, unanswered: groupQuestions(rows.unanswered), downVoted: tallyDownVotes(rows.downVotes) };
  } catch (error) {
    return { available: false, note: `cannot read the chat store: ${(error as Error).message}`, unanswered: [], downVoted: [] };
  } finally {
    await store.close();
  }
}

interface UnansweredRow {
  question: string;
  normalized: string;
  topAtom: string | null;
  createdAt: string;
}

/**
 * Groups questions that say the same thing: same normalized form, or close wording (edit
 * distance within a quarter of the length, or most words shared).
 */
export function groupQuestions(rows: readonly UnansweredRow[]): QuestionGroup[] {
  const groups: { key: string; words: Set<string>; rows: UnansweredRow[] }[] = [];
  for (const row of rows) {
    const key = row.normalized || row.question.toLowerCase();
    const words = new Set(key.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 2));
    const group = groups.find((candidate) => candidate.key === key || close(candidate, key, words));
    if (group) group.rows.push(row);
    else groups.push({ key, words, rows: [row] });
  }
  return groups
    .map((group) => ({
      question: mostFrequent(group.rows.map((row) => row.question.trim()))!,
      count: group.rows.length,
      variants: [...new Set(group.rows.map((row) => row.question.trim()))].slice(0, 5),
      lastAsked: group.rows.map((row) => row.createdAt).sort().at(-1)!,
      closestAtom: mostFrequent(group.rows.flatMap((row) => (row.topAtom ? [row.topAtom] : []))),
    }))
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked));
}

function close(group: { key: string; words: Set<string> }, key: string, words: Set<string>): boolean {
  if (distance(group.key, key) <= Math.floor(Math.max(group.key.length, key.length) / 4)) return true;
  const shared = [...words].filter((word) => group.words.has(word)).length;
  const union = new Set([...words, ...group.words]).size;
  return union > 0 && shared / union >= 0.6;
}

function tallyDownVotes(rows: readonly { citations: string | null; comment: string | null }[]): DownVotedAtom[] {
  const tally = new Map<string, { title: string; downVotes: number; comments: string[] }>();
  for (const row of rows) {
    let citations: unknown;
    try {
      citations = row.citations ? JSON.parse(row.citations) : [];
    } catch {
      continue;
    }
    if (!Array.isArray(citations)) continue;
    const seen = new Set<string>();
    for (const citation of citations as { atomId?: unknown; title?: unknown }[]) {
      if (typeof citation?.atomId !== 'string' || seen.has(citation.atomId)) continue;
      seen.add(citation.atomId);
      const entry = tally.get(citation.atomId) ?? { title: typeof citation.title === 'string' ? citation.title : citation.atomId, downVotes: 0, comments: [] };
      entry.downVotes++;
      if (row.comment && row.comment.trim() !== '') entry.comments.push(row.comment.trim());
      tally.set(citation.atomId, entry);
    }
  }
  return [...tally.entries()].map(([atomId, entry]) => ({ atomId, ...entry })).sort((a, b) => b.downVotes - a.downVotes || a.atomId.localeCompare(b.atomId));
}

function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
