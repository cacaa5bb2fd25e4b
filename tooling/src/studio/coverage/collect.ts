/**
 * `atomkit coverage`: what the knowledge base covers and where to work next, from the atoms,
 * the interview transcripts and (when it exists) the chat service's store.
 */
import path from 'node:path';
import type { AtomkitConfig } from '../../config/load.js';
import { findAtomFiles } from '../../atom/load.js';
import { isFaqHeading } from '../../atom/sections.js';
import { ATOM_TYPES } from '../../atom/schema.js';
import { readInterview } from '../interview/lint.js';
import { loadKnowledgeBase, titleOf } from '../knowledge-base.js';
import { isPostgresUrl } from '../../../../bot/src/store/postgres/url.js';
import { readBotSignals, readPostgresSignals, type BotSignals } from './bot-store.js';

export interface UncitedPassage {
  readonly ref: string;
  readonly speaker: string;
  readonly excerpt: string;
}

export interface CoverageReport {
  readonly atoms: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly interviews: readonly { readonly file: string; readonly passages: number; readonly cited: number }[];
  readonly uncitedPassages: readonly UncitedPassage[];
  readonly withoutFaq: readonly string[];
  readonly orphans: readonly string[];
  readonly stale: readonly { readonly title: string; readonly lastChanged: string }[];
  readonly oneWayRelated: readonly { readonly from: string; readonly to: string }[];
  readonly staleMonths: number;
  readonly bot: BotSignals;
}

export interface CoverageOptions {
  /** Atoms not changed for this many months are stale. @default 12 */
  readonly staleMonths?: number;
  readonly now?: Date;
  /** Overrides `bot.store`: where the chat service's questions and votes are read. */
  readonly store?: string;
}

export async function collectCoverage(config: AtomkitConfig, options: CoverageOptions = {}): Promise<CoverageReport> {
  const staleMonths = options.staleMonths ?? 12;
  const now = options.now ?? new Date();
  const kb = loadKnowledgeBase(config);
  const atoms = kb.atoms.filter((atom) => titleOf(atom) !== undefined);
  const byType: Record<string, number> = Object.fromEntries(ATOM_TYPES.map((type) => [type, 0]));
  const byStatus: Record<string, number> = { draft: 0, review: 0, published: 0 };
  const relatedOf = new Map<string, readonly string[]>();
  const cited = new Set<string>();
  for (const atom of atoms) {
    const data = atom.data as { type?: unknown; status?: unknown; related?: unknown; sources?: unknown };
    const type = typeof data.type === 'string' ? data.type : 'unknown';
    byType[type] = (byType[type] ?? 0) + 1;
    const status = typeof data.status === 'string' ? data.status : 'published';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    relatedOf.set(titleOf(atom)!, Array.isArray(data.related) ? data.related.filter((t): t is string => typeof t === 'string') : []);
    if (Array.isArray(data.sources)) {
      for (const source of data.sources as { ref?: unknown }[]) if (typeof source?.ref === 'string') cited.add(normalizeRef(source.ref));
    }
  }

  const interviews: { file: string; passages: number; cited: number }[] = [];
  const uncitedPassages: UncitedPassage[] = [];
  for (const file of findAtomFiles(config.atoms.interviewsAbs, config.root)) {
    const rel = path.relative(config.root, file).split(path.sep).join('/');
    const { interview } = readInterview(file, { projectRoot: config.root });
    if (!interview) continue;
    let passages = 0;
    let citedHere = 0;
    for (const turn of interview.turns) {
      if (!turn.anchor || turn.role === 'interviewer') continue;
      passages++;
      const ref = `${rel}#${turn.anchor}`;
      if (cited.has(ref)) citedHere++;
      else uncitedPassages.push({ ref, speaker: turn.speaker, excerpt: excerpt(turn.text) });
    }
    interviews.push({ file: rel, passages, cited: citedHere });
  }

  const incoming = new Set([...relatedOf.values()].flat());
  const titles = [...relatedOf.keys()];
  const withoutFaq = atoms
    .filter((atom) => (atom.data as { type?: unknown }).type !== 'faq' && !atom.sections.some((section) => isFaqHeading(section.heading.text)))
    .map((atom) => titleOf(atom)!);
  const orphans = titles.filter((title) => !incoming.has(title));
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - staleMonths);
  const stale = atoms.flatMap((atom) => {
    const data = atom.data as { updated?: unknown; created?: unknown };
    const last = typeof data.updated === 'string' ? data.updated : typeof data.created === 'string' ? data.created : undefined;
    return last && new Date(`${last}T00:00:00Z`) < cutoff ? [{ title: titleOf(atom)!, lastChanged: last }] : [];
  });
  const oneWayRelated = [...relatedOf.entries()].flatMap(([from, related]) =>
    related.filter((to) => relatedOf.has(to) && !relatedOf.get(to)!.includes(from)).map((to) => ({ from, to })),
  );
  const store = options.store ?? config.bot.store;
  const bot = isPostgresUrl(store) ? await readPostgresSignals(config, store) : readBotSignals(path.resolve(config.root, config.bot.db), config.bot.db);
  return { atoms: atoms.length, byType, byStatus, interviews, uncitedPassages, withoutFaq, orphans, stale, oneWayRelated, staleMonths, bot };
}

/** `./interviews/x.md#t-001` and `interviews/x.md#t-001` are the same passage. */
function normalizeRef(ref: string): string {
  return ref.replace(/^\.\//, '').replace(/\\/g, '/');
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > 100 ? `${clean.slice(0, 99)}…` : clean;
}
