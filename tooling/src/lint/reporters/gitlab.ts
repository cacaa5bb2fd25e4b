/**
 * `--format gitlab`: a GitLab Code Quality report (the subset of the Code Climate format GitLab
 * reads), so a merge request's Code Quality widget lists each finding with its line. GitLab tells
 * findings of the merge request from those of its target branch by fingerprint, so it is made of
 * the file, the rule and the message, not the line: a finding a line moves is the same finding.
 */
import { createHash } from 'node:crypto';
import type { Reporter } from './types.js';

/**
 * @example JSON.parse(gitlab([{ code: 'x/y', severity: 'error', file: 'a.md', start: { line: 2, column: 3 }, message: 'Bad.', docsUrl: 'u' }]))[0].severity //=> 'major'
 */
export const gitlab: Reporter = (diagnostics) => {
  const seen = new Map<string, number>();
  const issues = diagnostics.map((d) => {
    const identity = [d.file, d.code, d.message].join('\0');
    // The same finding twice in a file (two headings alike) is two issues.
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      type: 'issue',
      check_name: d.code,
      description: [d.message, ...(d.hint ? [d.hint] : [])].join(' '),
      categories: ['Style'],
      severity: d.severity === 'error' ? 'major' : 'minor',
      fingerprint: createHash('sha256').update(`${identity}\0${occurrence}`).digest('hex').slice(0, 32),
      location: { path: d.file, lines: { begin: d.start.line, ...(d.end && d.end.line > d.start.line ? { end: d.end.line } : {}) } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
