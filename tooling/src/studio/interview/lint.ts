/**
 * Lints interview transcripts. The lint engine calls `lintInterviewFile` for every `.md` file
 * under the configured interviews folder and maps each result to its diagnostic shape (adding
 * the docs URL of the rule's error atom, `ruleDocId(code)`).
 */
import path from 'node:path';
import type { Position } from '../../atom/position.js';
import type { AtomkitConfig } from '../../config/load.js';
import { findAtomFiles } from '../../atom/load.js';
import { readTextFile } from '../text-file.js';
import { parseInterviewText, type InterviewProblem, type InterviewRuleCode, type InterviewSeverity, type ParsedInterview, type TextFix } from './parse.js';

export interface InterviewDiagnostic {
  readonly code: InterviewRuleCode;
  readonly severity: InterviewSeverity;
  readonly message: string;
  readonly hint?: string;
  /** The file, as given. */
  readonly file: string;
  readonly start: Position;
  readonly end?: Position;
  /** A safe fix, as offsets into the file's LF-normalized, BOM-less text. */
  readonly fix?: TextFix;
}

export interface ReadInterviewResult {
  readonly text: string | undefined;
  readonly interview: ParsedInterview | undefined;
  readonly diagnostics: readonly InterviewDiagnostic[];
}

export interface ReadInterviewOptions {
  /** @default 4194304 */
  readonly maxFileBytes?: number;
  /** Transcripts are never read through a link that leads out of this folder. */
  readonly projectRoot: string;
}

/**
 * Lints one transcript file; never throws (an unreadable file is one `interview/header` problem).
 *
 * @example lintInterviewFile('interviews/operator.md', { projectRoot: '.' }) //=> [] for a clean transcript
 */
export function lintInterviewFile(file: string, options: ReadInterviewOptions): InterviewDiagnostic[] {
  return [...readInterview(file, options).diagnostics];
}

/** Reads and parses a transcript, with its diagnostics. */
export function readInterview(file: string, options: ReadInterviewOptions): ReadInterviewResult {
  const read = readTextFile(path.resolve(file), options.maxFileBytes ?? 4 * 1_048_576, options.projectRoot);
  if (!read.ok) {
    return {
      text: undefined,
      interview: undefined,
      diagnostics: [{ code: 'interview/header', severity: 'error', message: read.reason, file, start: { line: 1, column: 1 } }],
    };
  }
  const interview = parseInterviewText(read.text);
  return { text: read.text, interview, diagnostics: interview.problems.map((problem) => toDiagnostic(problem, file)) };
}

/** Lints transcript text already in memory. */
export function lintInterviewText(text: string, file: string): InterviewDiagnostic[] {
  return parseInterviewText(text).problems.map((problem) => toDiagnostic(problem, file));
}

function toDiagnostic(problem: InterviewProblem, file: string): InterviewDiagnostic {
  return {
    code: problem.code,
    severity: problem.severity,
    message: problem.message,
    ...(problem.hint ? { hint: problem.hint } : {}),
    file,
    start: problem.range.start,
    ...(problem.range.end ? { end: problem.range.end } : {}),
    ...(problem.fix ? { fix: problem.fix } : {}),
  };
}

/**
 * Lints every transcript under the configured interviews folder, with project-relative POSIX
 * paths: what `atomkit lint` adds to its run (mapping each result to its `Diagnostic` by adding
 * `docsUrl` for `ruleDocId(code)`).
 *
 * @example lintInterviews(config) //=> [{ code: 'interview/turn-anchor', file: 'interviews/operator.md', ... }]
 */
export function lintInterviews(config: Pick<AtomkitConfig, 'root' | 'atoms' | 'lint'>): InterviewDiagnostic[] {
  return findAtomFiles(config.atoms.interviewsAbs, config.root).flatMap((file) =>
    readInterview(file, { maxFileBytes: config.lint.maxFileBytes, projectRoot: config.root }).diagnostics.map((d) => ({ ...d, file: path.relative(config.root, file).split(path.sep).join('/') })),
  );
}

/** Is this file a transcript (under the configured interviews folder) rather than an atom? */
export function isInterviewFile(config: Pick<AtomkitConfig, 'atoms'>, file: string): boolean {
  const rel = path.relative(config.atoms.interviewsAbs, path.resolve(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
