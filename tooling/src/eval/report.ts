/**
 * The evaluation report: `eval/report.json` (data) and `eval/report.md` (the same figures as
 * tables), with a retrieval part and an answers part that their commands fill in separately, and
 * the one table the CLI prints.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnswersReport } from './answers.js';
import type { HeldoutReport } from './heldout.js';
import { calibrationRows, heldoutRows, kindRows, targetRows, testMisses } from './heldout-report.js';
import type { Metrics } from './metrics.js';
import { misses, type SystemReport } from './retrieval.js';

export interface IndexInfo {
  readonly provider: string;
  readonly model: string;
  readonly dense: boolean;
  readonly atomsRevision: string | null;
  readonly contentHash: string;
}

export interface RetrievalReport {
  readonly generatedAt: string;
  readonly questionSet: string;
  readonly questions: number;
  readonly atoms: number;
  readonly index: IndexInfo;
  readonly systems: readonly SystemReport[];
}

export interface EvalReport {
  /** Every question set, dev and test parts (`atomkit eval`). */
  readonly heldout?: HeldoutReport;
  readonly retrieval?: RetrievalReport;
  readonly answers?: AnswersReport;
}

/** Reads the report in `dir`, or an empty one when there is none or it cannot be read. */
export function readReport(dir: string): EvalReport {
  const file = path.join(dir, 'report.json');
  if (!existsSync(file)) return {};
  let data: { heldout?: { sets?: unknown }; retrieval?: { systems?: unknown }; answers?: { runs?: unknown } };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // A damaged report is regenerated from this run rather than blocking it.
    return {};
  }
  // A part written by another version of atomkit is dropped rather than misread.
  const retrievalOk = Array.isArray(data?.retrieval?.systems) && (data.retrieval.systems as SystemReport[]).every((s) => (s.results ?? []).every((r) => typeof r?.score?.hit5 === 'number'));
  const answersOk = Array.isArray(data?.answers?.runs);
  const heldoutOk = Array.isArray(data?.heldout?.sets);
  return { ...(heldoutOk ? { heldout: data.heldout as HeldoutReport } : {}), ...(retrievalOk ? { retrieval: data.retrieval as RetrievalReport } : {}), ...(answersOk ? { answers: data.answers as AnswersReport } : {}) };
}

/** Writes report.json and report.md; returns their paths. */
export function writeReport(dir: string, report: EvalReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const md = path.join(dir, 'report.md');
  writeFileSync(json, `${JSON.stringify(roundedReport(report), null, 2)}\n`);
  writeFileSync(md, renderReportMarkdown(report));
  return { json, md };
}

/** Per-question figures rounded, so the committed report changes only when results do. */
function roundedReport(report: EvalReport): EvalReport {
  if (!report.retrieval) return report;
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  const systems = report.retrieval.systems.map((system) => ({
    ...system,
    ...(system.results
      ? {
          results: system.results.map((r) => ({
            ...r,
            ms: Math.round(r.ms * 10) / 10,
            score: { ...r.score, rr: round(r.score.rr), ndcg5: round(r.score.ndcg5) },
          })),
        }
      : {}),
  }));
  return { ...report, retrieval: { ...report.retrieval, systems } };
}

const f = (value: number) => value.toFixed(2);

/** Rows of the main retrieval table: one per system. */
export function retrievalRows(systems: readonly SystemReport[]): string[][] {
  const header = ['system', 'hit@1', 'hit@3', 'hit@5', 'MRR', 'nDCG@5', 'no result', 'p50 ms', 'questions'];
  const rows = systems.map((s) => {
    const m = s.overall;
    if (!m) return [s.name, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', '0'];
    return [s.name, f(m.hit1), f(m.hit3), f(m.hit5), f(m.mrr), f(m.ndcg5), String(s.noResults ?? 0), String(s.latencyMs?.p50 ?? ''), String(m.n)];
  });
  return [header, ...rows];
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  const line = (row: readonly string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ').trimEnd();
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

/** Figures (and `n/a`, `-`) are right-aligned in Markdown tables; text is left-aligned. */
const FIGURE = /^(?:n\/a|-|[\d.,]+(?: \/ [\d.,]+)?)$/;

export function markdownTable(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const numeric = head.map((_, col) => body.length > 0 && body.every((row) => FIGURE.test(row[col] ?? '')));
  return [
    `| ${head.map(escape).join(' | ')} |`,
    `| ${numeric.map((right) => (right ? '---:' : '---')).join(' | ')} |`,
    ...body.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n') + '\n';
}

/** hit@5 / MRR of each system for each group (question kind, atom type, language). */
function breakdownRows(systems: readonly SystemReport[], pick: (s: SystemReport) => Record<string, Metrics> | undefined, label: string): string[][] {
  const groups = [...new Set(systems.flatMap((s) => Object.keys(pick(s) ?? {})))].sort();
  const header = [label, 'n', ...systems.map((s) => `${s.name} hit@5 / MRR`)];
  const rows = groups.map((group) => {
    const n = systems.map((s) => pick(s)?.[group]?.n).find((v) => v !== undefined) ?? 0;
    return [group, String(n), ...systems.map((s) => {
      const m = pick(s)?.[group];
      return m ? `${f(m.hit5)} / ${f(m.mrr)}` : 'n/a';
    })];
  });
  return [header, ...rows];
}

export function renderReportMarkdown(report: EvalReport): string {
  const parts = ['# atomkit evaluation report\n', 'Written by `atomkit eval`, `atomkit eval retrieval` and `atomkit eval answers`; the data is in `report.json`.\n'];
  if (report.heldout) parts.push(renderHeldoutMarkdown(report.heldout));
  const retrieval = report.retrieval;
  if (retrieval) {
    const { index } = retrieval;
    parts.push(
      '## Retrieval\n',
      `${retrieval.questions} questions (\`${retrieval.questionSet}\`) over ${retrieval.atoms} atoms, ${retrieval.generatedAt}. ` +
        `Index: embedder \`${index.provider}\`${index.dense ? ` (${index.model})` : ', dense retrieval off (hybrid = lexical)'}, content hash \`${index.contentHash.slice(0, 12)}\`. ` +
        'A question counts as found at k when one of its gold atoms is among the first k distinct atoms; MRR is cut at rank 10; ' +
        '"no result" counts questions a system returned nothing for.\n',
      markdownTable(retrievalRows(retrieval.systems)),
    );
    const unavailable = retrieval.systems.filter((s) => s.unavailable);
    if (unavailable.length > 0) parts.push(unavailable.map((s) => `- \`${s.name}\`: n/a, ${s.unavailable}.`).join('\n') + '\n');
    const ran = retrieval.systems.filter((s) => s.overall);
    parts.push('### Per question kind\n', markdownTable(breakdownRows(ran, (s) => s.byKind, 'kind')));
    parts.push('### Per atom type (of the gold atoms)\n', markdownTable(breakdownRows(ran, (s) => s.byType, 'type')));
    parts.push('### Per language\n', markdownTable(breakdownRows(ran, (s) => s.byLanguage, 'language')));
    for (const system of ran.filter((s) => s.name === 'hybrid' || s.name === 'pagefind')) {
      // Only the dev part is named question by question: the test part stays unread by tuning.
      const missed = misses(system).filter((r) => r.split === 'dev');
      parts.push(`### Dev questions missed by ${system.name} within the top 5 (${missed.length})\n`);
      if (missed.length === 0) continue;
      parts.push(markdownTable([['question', 'kind', 'gold', 'rank', 'top 3'], ...missed.map((r) => [r.id, r.kind, r.gold.join(', '), r.score.rank === null ? '-' : String(r.score.rank), r.ranked.slice(0, 3).join(', ')])]));
    }
  }
  const answers = report.answers;
  if (answers) parts.push('## Answers\n', renderAnswersMarkdown(answers));
  return parts.join('\n');
}

function renderHeldoutMarkdown(report: HeldoutReport): string {
  const systems = [...new Set(report.sets.map((set) => set.system))].join(', ');
  return [
    '## Dev and test parts of every question set\n',
    `${report.generatedAt}, search: ${systems}, answers: extractive. Each set is split by a hash of the question id into a dev part, ` +
      'which tuning may look at, and a test part, which is only reported. Retrieval figures count answerable questions; ' +
      'refusal precision is the share of refusals that were of questions the atoms do not answer, refusal recall the share of those refused, ' +
      '"answerable refused" the share of answerable questions refused; citation precision and fact recall are over answerable questions.\n',
    markdownTable(heldoutRows(report)),
    '### Test parts, as the targets are stated\n',
    markdownTable(targetRows(report)),
    '### Refusing by confidence\n',
    'A question is refused when the confidence of its best hit is below the threshold. The dev-calibrated threshold refuses at most 5% of the ' +
      'answerable dev questions and, within that, as many unanswerable ones as any threshold can, midway between the most confident unanswerable ' +
      'question it refuses and the next answerable one; the test parts never take part in choosing it.\n',
    markdownTable(calibrationRows(report)),
    '### Test parts per question kind\n',
    markdownTable(kindRows(report)),
    `Test questions missed: ${testMisses(report)}. Which ones is not shown: \`atomkit eval --part dev --misses\` lists the dev part's.\n`,
  ].join('\n');
}

/** Rows of the answers table: one per answering mode. */
export function answersRows(answers: AnswersReport): string[][] {
  return [
    ['mode', 'answered', 'citation precision', 'citation recall', 'fact recall', 'judge correctness', 'questions'],
    ...answers.runs.map((run) => [
      run.degraded > 0 ? `${run.mode} (${run.degraded} fell back)` : run.mode,
      f(run.answeredRate),
      f(run.citationPrecision),
      f(run.citationRecall),
      run.factQuestions > 0 ? f(run.factRecall) : 'n/a',
      run.judge && 'correctness' in run.judge ? f(run.judge.correctness) : 'n/a',
      String(run.n),
    ]),
  ];
}

function renderAnswersMarkdown(answers: AnswersReport): string {
  const parts = [
    `${answers.questions} questions (\`${answers.questionSet}\`) through the chat service's answering code, ${answers.generatedAt}. ` +
      'Citation precision: share of cited atoms that are gold atoms; recall: share of gold atoms cited; fact recall: share of required facts found in the answer text, over the questions that list facts.\n',
    markdownTable(answersRows(answers)),
  ];
  for (const run of answers.runs) {
    if (run.judge && 'unavailable' in run.judge) parts.push(`LLM judge of ${run.mode} answers: n/a, ${run.judge.unavailable}.\n`);
    if (run.judge && 'correctness' in run.judge) parts.push(`LLM judge of ${run.mode} answers: model \`${run.judge.model}\`, ${run.judge.judged} answers judged.\n`);
    parts.push(`### ${run.mode} answers per question kind\n`, markdownTable([
      ['kind', 'n', 'citation precision', 'citation recall', 'fact recall'],
      ...Object.entries(run.byKind).map(([kind, m]) => [kind, String(m.n), f(m.citationPrecision), f(m.citationRecall), m.factQuestions > 0 ? f(m.factRecall) : 'n/a']),
    ]));
    const missing = run.results.filter((r) => r.split === 'dev' && (r.factsMissed.length > 0 || r.recall === 0));
    parts.push(`### ${run.mode} answers to dev questions missing every gold citation or a fact (${missing.length})\n`);
    if (missing.length > 0) {
      parts.push(markdownTable([['question', 'cited', 'facts missed'], ...missing.map((r) => [r.id, r.cited.join(', ') || '-', r.factsMissed.join('; ') || '-'])]));
    }
  }
  return parts.join('\n');
}
