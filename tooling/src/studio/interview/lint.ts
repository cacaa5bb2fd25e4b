/**
 * Lints interview transcripts. The lint engine calls `lintInterviewFile` for every `.md` file
 * under the configured interviews folder and maps each result to its diagnostic shape (adding
 * the docs URL of the rule's error atom, `ruleDocId(code)`).
 */
import path from 'node:path';
import type { Position } from '../../atom/position.js';
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

/**
 * Lints one transcript file; never throws (an unreadable file is one `interview/header` problem).
 *
 * @example lintInterviewFile('interviews/operator.md') //=> [] for a clean transcript
 */
export function lintInterviewFile(file: string, options: { maxFileBytes?: number } = {}): InterviewDiagnostic[] {
  return [...readInterview(file, options).diagnostics];
}

/** Reads and parses a transcript, with its diagnostics. */
export function readInterview(file: string, options: { maxFileBytes?: number } = {}): ReadInterviewResult {
  const read = readTextFile(path.resolve(file), options.maxFileBytes ?? 4 * 1_048_576);
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
