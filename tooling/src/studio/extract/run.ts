/**
 * `atomkit extract <transcript>`: proposes draft atoms from an interview, with the model when an
 * OpenAI-compatible endpoint is configured, else deterministically. Never overwrites an atom.
 */
import path from 'node:path';
import type { AtomkitConfig } from '../../config/load.js';
import type { CliIo } from '../../cli/io.js';
import type { AtomDraft } from '../draft.js';
import { StudioError } from '../errors.js';
import { readInterview } from '../interview/lint.js';
import { loadKnowledgeBase } from '../knowledge-base.js';
import { today } from '../new.js';
import { planDrafts, writePlan, type PlannedDraft } from '../plan.js';
import { printPlan, summaryLine } from '../report.js';
import { extractDeterministic } from './deterministic.js';

export interface ExtractOptions {
  readonly transcript: string;
  readonly out?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  /** Use the deterministic extractor even when an endpoint is configured. */
  readonly llm?: boolean;
  /** The API key, read by the CLI from the variable `bot.llm.apiKeyEnv` names. */
  readonly apiKey?: string;
  readonly today?: string;
}

export interface ExtractReport {
  readonly transcript: string;
  readonly mode: 'llm' | 'deterministic';
  readonly model?: string;
  readonly drafts: readonly Omit<PlannedDraft, 'text'>[];
  /** Model proposals that stayed invalid after one re-ask. */
  readonly rejected: readonly { readonly title: string; readonly problems: readonly string[] }[];
  readonly written: number;
}

export async function runExtract(options: ExtractOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const file = path.resolve(config.root, options.transcript);
  const read = readInterview(file, { projectRoot: config.root });
  const errors = read.diagnostics.filter((d) => d.severity === 'error');
  if (!read.interview || !read.interview.header || errors.length > 0) {
    const rel = path.relative(config.root, file) || options.transcript;
    const lines = errors.slice(0, 10).map((d) => `  ${rel}:${d.start.line}:${d.start.column} ${d.message} (${d.code})`);
    throw new StudioError(
      `The transcript has ${errors.length} problem${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before extracting:\n${lines.join('\n')}`,
      1,
      errors.some((d) => d.fix) ? 'Missing or duplicate turn anchors can be added by `atomkit fix`.' : undefined,
    );
  }
  const interview = read.interview;
  const header = read.interview.header;
  const kb = loadKnowledgeBase(config);
  const ref = path.relative(config.root, file).split(path.sep).join('/');
  const date = options.today ?? today();
  const useLlm = options.llm !== false && Boolean(config.bot.llm.baseUrl);

  let drafts: AtomDraft[];
  let rejected: ExtractReport['rejected'] = [];
  let model: string | undefined;
  if (useLlm) {
    const { extractWithModel } = await import('./llm.js');
    const result = await extractWithModel(interview, header, {
      ref,
      today: date,
      titles: new Set(kb.byTitle.keys()),
      llm: config.bot.llm,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      log: (line) => io.stderr(`${line}\n`),
    });
    drafts = result.drafts;
    rejected = result.rejected;
    model = result.model;
  } else {
    drafts = extractDeterministic(interview, header, { ref, today: date, text: interview.parsed.text });
  }

  const outDir = options.out ? path.resolve(config.root, options.out) : config.atoms.dirAbs;
  const plan = planDrafts(drafts, kb, { root: config.root, outDir });
  const written = options.dryRun ? 0 : writePlan(plan, config.root);
  const report: ExtractReport = {
    transcript: ref,
    mode: useLlm ? 'llm' : 'deterministic',
    ...(model ? { model } : {}),
    drafts: plan.map(({ text: _text, ...rest }) => rest),
    rejected,
    written,
  };
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    io.stdout(`${ref}: ${plan.length} drafts (${report.mode}${model ? `, ${model}` : ''})\n`);
    printPlan(io, plan, { dryRun: Boolean(options.dryRun), root: config.root, verbose: true });
    for (const item of rejected) io.stdout(`rejected "${item.title}": ${item.problems.join('; ')}\n`);
    io.stdout(summaryLine(plan, written, Boolean(options.dryRun)));
  }
  return rejected.length > 0 || plan.some((item) => item.status === 'invalid') ? 1 : 0;
}
