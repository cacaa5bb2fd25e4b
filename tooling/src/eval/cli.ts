/**
 * The `atomkit eval` actions: run, print one table, write `eval/report.{json,md}`, and turn
 * expected failures (a bad question set, a missing index, an unreachable judge) into one clear
 * message and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { UsageError } from '../cli/usage-error.js';
import { packageFile } from '../package/files.js';
import { IndexLoadError } from '../retrieval/api.js';
import { CorpusError } from './corpus.js';
import { QuestionSetError } from './questions.js';
import { SYSTEM_NAMES, type SystemName } from './ranker.js';
import { answersRows, readReport, retrievalRows, textTable, writeReport } from './report.js';
import { DEFAULT_SYSTEMS, runRetrievalEval } from './run-retrieval.js';
import type { HeldoutQuestion, HeldoutReport } from './heldout.js';
import { checkThresholds, loadThresholds } from './thresholds.js';
import { MinScoreWriteError, writeMinScore } from './write-min-score.js';

export interface RetrievalCommandOptions {
  questions?: string;
  out?: string;
  pagefind?: boolean;
  rebuildSite?: boolean;
  systems?: string;
  reranker?: string;
  check?: boolean;
  write?: boolean;
}

export interface AnswersCommandOptions {
  questions?: string;
  out?: string;
  judgeModel?: string;
  judge?: boolean;
  limit?: string;
  write?: boolean;
}

export async function evalRetrievalCommand(config: AtomkitConfig, options: RetrievalCommandOptions, io: CliIo): Promise<number> {
  return reportErrors(io, async () => {
    const systems = parseSystems(options.systems, options.pagefind === true);
    let siteDist: string | undefined;
    if (systems.includes('pagefind')) siteDist = ensureSite(config, options.rebuildSite === true, io);
    const report = await runRetrievalEval({
      config,
      systems,
      ...(options.questions ? { questionsFile: path.resolve(process.cwd(), options.questions) } : {}),
      ...(siteDist ? { siteDist } : {}),
      ...(options.reranker ? { reranker: options.reranker } : {}),
      onWarning: warnOnce(io),
      onProgress: (system, done, total) => {
        if (done === total) io.stderr(io.colors.dim(`${system}: ${total} questions\n`));
      },
    });
    io.stdout(textTable(retrievalRows(report.systems)));
    for (const system of report.systems) if (system.unavailable) io.stdout(io.colors.dim(`${system.name}: n/a, ${system.unavailable}\n`));
    if (options.write !== false) {
      const dir = outDir(config, options.out);
      const written = writeReport(dir, { ...readReport(dir), retrieval: report });
      io.stdout(`Report: ${path.relative(process.cwd(), written.md) || written.md}, ${path.relative(process.cwd(), written.json) || written.json}\n`);
    }
    if (!options.check) return 0;
    const failures = checkThresholds(report.systems, loadThresholds(path.join(config.root, 'eval', 'thresholds.json')));
    for (const f of failures) io.stderr(`${io.colors.red('below threshold')} ${f.system} ${f.metric} ${f.actual === null ? 'did not run' : f.actual.toFixed(3)} < ${f.minimum}\n`);
    return failures.length > 0 ? 1 : 0;
  });
}

export interface HeldoutCommandOptions {
  questions?: string;
  out?: string;
  write?: boolean;
  part?: string;
  misses?: boolean;
  json?: boolean;
  setMinScore?: boolean;
}

const PARTS = ['dev', 'test', 'all'] as const;

export async function evalHeldoutCommand(config: AtomkitConfig, options: HeldoutCommandOptions, io: CliIo): Promise<number> {
  return reportErrors(io, async () => {
    const part = options.part ?? 'all';
    if (!PARTS.includes(part as (typeof PARTS)[number])) throw new UsageError(`Unknown part \`${part}\` in --part, expected one of ${PARTS.join(', ')}.`);
    if (options.setMinScore && part === 'test') throw new UsageError('--set-min-score calibrates on the dev parts: run it with --part dev or all, never on the test parts.');
    // Checked before the run: a calibration with nowhere to write it would be thrown away.
    if (options.setMinScore && config.file === undefined) throw new EvalError(`No atomkit.config.yaml to write bot.minScore into: none was found from ${config.root} upward. Create one (\`atomkit init\` writes one) and run again.`);
    const { runHeldoutEval, calibrateMinScore } = await import('./heldout.js');
    const { heldoutRows, heldoutSummary, minScoreAdvice, misses, missRows } = await import('./heldout-report.js');
    const report = await runHeldoutEval({
      config,
      part: part as (typeof PARTS)[number],
      ...(options.questions ? { files: [path.resolve(process.cwd(), options.questions)] } : {}),
      onSet: (file) => io.stderr(io.colors.dim(`${path.relative(process.cwd(), file) || file}\n`)),
      onWarning: warnOnce(io),
    });
    const advice = options.setMinScore ? undefined : minScoreAdvice(report);
    const written = options.setMinScore ? setMinScore(config, report, calibrateMinScore) : undefined;
    if (options.json) {
      io.stdout(`${JSON.stringify({ ...heldoutSummary(report), ...(advice ? { advice } : {}), ...(written ? { minScoreSet: written.set } : {}), ...(options.misses ? { misses: misses(report) } : {}) }, null, 2)}\n`);
    } else {
      io.stdout(textTable(heldoutRows(report)));
      if (advice) io.stdout(`\n${io.colors.yellow(advice)}\n`);
      if (written) io.stdout(`\n${written.line}\n`);
      if (options.misses) {
        const rows = missRows(report);
        io.stdout(`\n${rows.length - 1} missed:\n${rows.length > 1 ? textTable(rows) : ''}`);
      }
    }
    // The report holds every part of every set: a run of one part leaves it as it was, and so does
    // a run of one set, unless --out says where that set's report goes.
    if (options.write !== false && part === 'all' && (options.questions === undefined || options.out !== undefined)) {
      const dir = outDir(config, options.out);
      const written = writeReport(dir, { ...readReport(dir), heldout: report });
      const line = `Report: ${path.relative(process.cwd(), written.md) || written.md}, ${path.relative(process.cwd(), written.json) || written.json}\n`;
      // With --json, stdout is the JSON alone.
      if (options.json) io.stderr(line);
      else io.stdout(line);
    }
    return 0;
  });
}

export async function evalAnswersCommand(config: AtomkitConfig, options: AnswersCommandOptions, io: CliIo): Promise<number> {
  return reportErrors(io, async () => {
    const limit = options.limit === undefined ? undefined : Number(options.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a positive whole number, got \`${options.limit}\`.`);
    const { runAnswersEval } = await import('./run-answers.js');
    const apiKey = process.env[config.bot.llm.apiKeyEnv];
    const report = await runAnswersEval({
      config,
      ...(options.questions ? { questionsFile: path.resolve(process.cwd(), options.questions) } : {}),
      ...(limit ? { limit } : {}),
      judge: options.judge !== false,
      ...(options.judgeModel ? { judgeModel: options.judgeModel } : {}),
      ...(apiKey ? { apiKey } : {}),
      onWarning: warnOnce(io),
    });
    io.stdout(textTable(answersRows(report)));
    const unjudged = report.runs.map((run) => run.judge).find((judge) => judge && 'unavailable' in judge);
    if (unjudged && 'unavailable' in unjudged) io.stdout(io.colors.dim(`judge: n/a, ${unjudged.unavailable}\n`));
    if (options.write !== false) {
      const dir = outDir(config, options.out);
      const written = writeReport(dir, { ...readReport(dir), answers: report });
      io.stdout(`Report: ${path.relative(process.cwd(), written.md) || written.md}, ${path.relative(process.cwd(), written.json) || written.json}\n`);
    }
    return 0;
  });
}

/**
 * Prints each distinct warning once. Warnings carry their own `warning:` label; one run opens an
 * index per question set, and a model that cannot be loaded would otherwise be reported for each.
 */
function warnOnce(io: CliIo): (message: string) => void {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    seen.add(message);
    io.stderr(`${io.colors.yellow(message)}\n`);
  };
}

function outDir(config: AtomkitConfig, out: string | undefined): string {
  return out ? path.resolve(process.cwd(), out) : path.join(config.root, 'eval');
}

/**
 * @example parseSystems('lexical,hybrid', true) //=> ['lexical', 'hybrid', 'pagefind']
 */
export function parseSystems(list: string | undefined, pagefind: boolean): SystemName[] {
  const names = list === undefined ? [...DEFAULT_SYSTEMS] : list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!SYSTEM_NAMES.includes(name as SystemName)) throw new UsageError(`Unknown system \`${name}\` in --systems, expected some of ${SYSTEM_NAMES.join(', ')}.`);
  }
  if (pagefind && !names.includes('pagefind')) names.push('pagefind');
  return names as SystemName[];
}

/** The built site folder; builds it with `atomkit site build` when it has no Pagefind index yet. */
function ensureSite(config: AtomkitConfig, rebuild: boolean, io: CliIo): string {
  const dist = path.join(config.root, 'site', 'dist');
  if (!rebuild && existsSync(path.join(dist, 'pagefind', 'pagefind.js'))) return dist;
  io.stderr(io.colors.dim('Building the site for the Pagefind baseline (atomkit site build)...\n'));
  const bin = packageFile('bin', 'atomkit.js');
  const args = [bin, '--cwd', config.root, ...(config.file ? ['--config', config.file] : []), 'site', 'build'];
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new EvalError(`The site build failed (exit ${result.status ?? result.signal}); Pagefind cannot be measured without it.`);
  return dist;
}

/**
 * Writes the threshold the dev parts suggest into the config file as `bot.minScore`, and says what
 * it refuses there.
 */
function setMinScore(config: AtomkitConfig, report: HeldoutReport, calibrateMinScore: (questions: readonly HeldoutQuestion[]) => number): { set: { file: string; from: number; to: number }; line: string } {
  const dev = report.sets.flatMap((set) => set.questions).filter((q) => q.split === 'dev');
  const answerable = dev.filter((q) => !q.unanswerable);
  if (answerable.length === 0) throw new EvalError('No answerable question in the dev parts to calibrate bot.minScore on: a question set needs some the atoms answer (and a few they do not).');
  const to = calibrateMinScore(dev);
  const file = config.file!;
  writeMinScore(file, to);
  const refused = (questions: readonly HeldoutQuestion[]) => questions.filter((q) => q.confidence < to).length;
  const unanswerable = dev.filter((q) => q.unanswerable);
  const relative = path.relative(process.cwd(), file) || file;
  return {
    set: { file: relative, from: report.minScore, to },
    line:
      `bot.minScore ${report.minScore} -> ${to} in ${relative}: at it the dev parts refuse ${refused(answerable)} of ${answerable.length} answerable questions` +
      (unanswerable.length > 0 ? ` and ${refused(unanswerable)} of ${unanswerable.length} the atoms do not answer.` : ' (they hold no question the atoms do not answer: add some, so the threshold refuses them).'),
  };
}

/** An expected failure of an eval run, printed as one line. */
export class EvalError extends Error {
  override name = 'EvalError';
}

async function reportErrors(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof QuestionSetError) {
      io.stderr(`${io.colors.red('error')} ${error.format()}\n`);
      return 2;
    }
    if (error instanceof IndexLoadError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n  ${io.colors.dim(error.hint)}\n`);
      return 2;
    }
    if (error instanceof EvalError || error instanceof CorpusError || error instanceof MinScoreWriteError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

