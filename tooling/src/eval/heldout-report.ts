/**
 * The held-out tables of the evaluation report: every set's dev and test parts side by side, the
 * test parts grouped as the targets are stated (English, Japanese, other projects' docs, and those
 * asked in Japanese), and the test parts per question kind.
 */
import { MAX_ANSWERABLE_REFUSED, calibrateMinScore, figures, refusalAt, type HeldoutQuestion, type HeldoutReport, type PartFigures } from './heldout.js';

const f = (value: number | null) => (value === null ? '-' : value.toFixed(2));

const HEADER = ['set', 'part', 'questions', 'hit@1', 'hit@5', 'MRR', 'unanswerable', 'refusal precision', 'refusal recall', 'answerable refused', 'citation precision', 'fact recall'];

function row(label: string, part: string, p: PartFigures): string[] {
  const r = p.retrieval;
  // A part with no answerable question has no retrieval or citation figure, not one of 0.
  const overAnswerable = (value: number) => (p.questions === p.refusal.unanswerable ? '-' : f(value));
  return [
    label,
    part,
    String(p.questions),
    overAnswerable(r.hit1),
    overAnswerable(r.hit5),
    overAnswerable(r.mrr),
    String(p.refusal.unanswerable),
    f(p.refusal.precision),
    f(p.refusal.recall),
    f(p.refusal.answerableRefused),
    overAnswerable(p.citationPrecision),
    p.factQuestions > 0 ? f(p.factRecall) : '-',
  ];
}

/** One row per set and part. */
export function heldoutRows(report: HeldoutReport): string[][] {
  const rows = [HEADER];
  for (const set of report.sets) for (const [part, p] of Object.entries(set.parts)) if (p) rows.push(row(set.set, part, p));
  return rows;
}

/** The test parts of all sets, grouped the way the targets are stated. */
export function targetRows(report: HeldoutReport): string[][] {
  const test = (pick: (set: HeldoutReport['sets'][number]) => boolean, language?: string) =>
    report.sets.filter(pick).flatMap((set) => set.questions.filter((q) => q.split === 'test' && (language === undefined || q.language.split('-')[0] === language)));
  const own = (set: HeldoutReport['sets'][number]) => set.corpus === undefined;
  const other = (set: HeldoutReport['sets'][number]) => set.corpus !== undefined;
  const groups: [string, HeldoutQuestion[]][] = [
    ['English, this project', test(own, 'en')],
    ['Japanese, this project', test(own, 'ja')],
    ["other projects' docs", test(other)],
    // Their docs are in English: a question in Japanese finds them by identifiers and translated words.
    ["other projects' docs, asked in Japanese", test(other, 'ja')],
    ['all', test(() => true)],
  ];
  return [HEADER, ...groups.filter(([, qs]) => qs.length > 0).map(([label, qs]) => row(label, 'test', figures(qs)))];
}

/** The test parts of all sets per question kind (questions the atoms do not answer are their own group). */
export function kindRows(report: HeldoutReport): string[][] {
  const test = report.sets.flatMap((set) => set.questions.filter((q) => q.split === 'test'));
  const kinds = [...new Set(test.map((q) => (q.unanswerable ? 'not in the atoms' : q.kind)))].sort();
  return [
    ['kind', 'questions', 'hit@1', 'hit@5', 'MRR', 'answered', 'citation precision', 'fact recall'],
    ...kinds.map((kind) => {
      const group = test.filter((q) => (q.unanswerable ? 'not in the atoms' : q.kind) === kind);
      const p = figures(group);
      const answered = group.filter((q) => q.answered).length / group.length;
      const ranked = kind !== 'not in the atoms';
      return [kind, String(group.length), ranked ? f(p.retrieval.hit1) : '-', ranked ? f(p.retrieval.hit5) : '-', ranked ? f(p.retrieval.mrr) : '-', f(answered), ranked ? f(p.citationPrecision) : '-', ranked && p.factQuestions > 0 ? f(p.factRecall) : '-'];
    }),
  ];
}

/**
 * What went wrong with a question, or '' when nothing did: an answerable one not in the top 5 or
 * refused, or one the atoms do not answer answered all the same.
 */
export function missOutcome(q: HeldoutQuestion): string {
  const rank = q.score?.rank ?? null;
  if (q.unanswerable) return q.answered ? 'answered, but the atoms do not answer it' : '';
  if (rank === null || rank > 5) return 'not in the top 5';
  return q.answered ? '' : 'refused';
}

/**
 * How many test questions went wrong, by outcome (not in the top 5, refused although answerable,
 * answered although not): totals only, so reading the report never shows which test questions to tune for.
 *
 * @example testMisses({ generatedAt: '', minScore: 0.1, sets: [] }) //=> 'none'
 */
export function testMisses(report: HeldoutReport): string {
  const counts = new Map<string, number>();
  for (const set of report.sets) {
    for (const q of set.questions.filter((question) => question.split === 'test')) {
      const outcome = missOutcome(q);
      if (outcome) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return total === 0 ? 'none' : `${total}: ${[...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', ')}`;
}

/**
 * Every question of a run that went wrong, with what it asked, its gold atoms, and the best hit and
 * its confidence: what `atomkit eval --misses` prints for the part it ran.
 */
export function missRows(report: HeldoutReport): string[][] {
  return [
    ['set', 'part', 'question', 'gold', 'rank', 'first', 'confidence', 'outcome'],
    ...misses(report).map((m) => [m.set, m.part, m.question.replace(/\s+/g, ' '), m.gold.join(', ') || '-', m.rank === null ? '-' : String(m.rank), m.first ?? '-', f(m.confidence), m.outcome]),
  ];
}

/** The missed questions as records, for `--json`: what `missRows` prints. */
export function misses(report: HeldoutReport): { set: string; part: string; question: string; gold: readonly string[]; rank: number | null; first: string | null; confidence: number; outcome: string }[] {
  return report.sets.flatMap((set) =>
    set.questions.flatMap((q) => {
      const outcome = missOutcome(q);
      return outcome ? [{ set: set.set, part: q.split, question: q.text, gold: q.gold, rank: q.score?.rank ?? null, first: q.first ?? null, confidence: q.confidence, outcome }] : [];
    }),
  );
}

/**
 * The figures of a run as JSON for scripts and CI: each set's parts, the configured threshold and
 * the one the dev parts suggest, without the questions (`report.json` has them).
 */
export function heldoutSummary(report: HeldoutReport): Record<string, unknown> {
  return {
    generatedAt: report.generatedAt,
    minScore: report.minScore,
    suggestedMinScore: calibrateMinScore(report.sets.flatMap((set) => set.questions)),
    sets: report.sets.map(({ questions: _questions, ...set }) => set),
  };
}

/**
 * Refusing by the best hit's confidence: at the configured `bot.minScore` and at the threshold the
 * dev parts suggest, on the dev and the test parts of every set together.
 */
export function calibrationRows(report: HeldoutReport): string[][] {
  const all = report.sets.flatMap((set) => set.questions);
  const suggested = calibrateMinScore(all);
  const rows = [['threshold', 'part', 'unanswerable refused', 'answerable refused', 'refusal precision']];
  const thresholds: [string, number][] = [[`configured bot.minScore ${report.minScore}`, report.minScore], [`dev-calibrated ${suggested.toFixed(3)}`, suggested]];
  for (const [label, threshold] of thresholds) {
    for (const split of ['dev', 'test'] as const) {
      const r = refusalAt(all.filter((q) => q.split === split), threshold);
      rows.push([label, split, f(r.recall), f(r.answerableRefused), f(r.precision)]);
    }
  }
  return rows;
}

/**
 * What to set `bot.minScore` to, when the configured one refuses more of the answerable dev
 * questions than the calibration allows, with what each refuses: how high a right answer scores
 * depends on the knowledge base (a small reference asked in long sentences scores low). None when
 * the configured threshold is within the rule, or when there is no dev part.
 */
export function minScoreAdvice(report: HeldoutReport): string | undefined {
  const dev = report.sets.flatMap((set) => set.questions).filter((q) => q.split === 'dev');
  const answerable = dev.filter((q) => !q.unanswerable);
  const unanswerable = dev.filter((q) => q.unanswerable);
  if (answerable.length === 0) return undefined;
  const below = (questions: readonly HeldoutQuestion[], threshold: number) => questions.filter((q) => q.confidence < threshold).length;
  const suggested = calibrateMinScore(dev);
  // Advised when it refuses fewer answerable questions: the configured threshold refuses more than the rule allows, or
  // as many unanswerable ones as the suggested at the cost of more answerable ones.
  const overBudget = below(answerable, report.minScore) > answerable.length * MAX_ANSWERABLE_REFUSED;
  const dominated = below(unanswerable, suggested) >= below(unanswerable, report.minScore) && below(answerable, suggested) < below(answerable, report.minScore);
  if (suggested >= report.minScore || !(overBudget || dominated)) return undefined;
  const others = (threshold: number, total: string) => (unanswerable.length > 0 ? ` (and ${below(unanswerable, threshold)} of ${total})` : '');
  const value = suggested.toFixed(2);
  return (
    `bot.minScore ${report.minScore} refuses ${below(answerable, report.minScore)} of the ${answerable.length} answerable dev questions${others(report.minScore, `the ${unanswerable.length} the atoms do not answer`)}; ` +
    `${value}, the threshold the dev parts suggest, refuses ${below(answerable, suggested)} of them${others(suggested, `the ${unanswerable.length}`)}. ` +
    `To use it, set \`minScore: ${value}\` under \`bot:\` in atomkit.config.yaml.`
  );
}
