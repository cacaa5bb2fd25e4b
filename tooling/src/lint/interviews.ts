/**
 * Interview transcripts are linted beside atoms: the transcript format and its rules belong to the
 * authoring studio (tooling/src/studio/interview); this module gives them rule metas, severities
 * from the lint configuration and docs links, so they read like every other diagnostic.
 */
import path from 'node:path';
import { lintInterviewFile } from '../studio/interview/lint.js';
import { docsUrlFor, type EngineSettings } from './engine.js';
import type { Diagnostic, RuleMeta } from './types.js';

/**
 * Lints transcript files; `shown` maps an absolute path to the path printed in diagnostics.
 *
 * @example lintInterviewFiles(['/repo/interviews/operator.md'], settings, { root: '/repo', maxFileBytes }) //=> []
 */
export function lintInterviewFiles(files: readonly string[], settings: EngineSettings, options: { root: string; maxFileBytes: number }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const shown = path.relative(options.root, file).split(path.sep).join('/');
    for (const found of lintInterviewFile(file, { maxFileBytes: options.maxFileBytes, projectRoot: options.root })) {
      const configured = settings.severities.get(found.code) ?? found.severity;
      if (configured === 'off') continue;
      diagnostics.push({
        code: found.code,
        severity: configured,
        message: found.message,
        file: shown,
        start: { line: found.start.line, column: found.start.column },
        ...(found.end ? { end: { line: found.end.line, column: found.end.column } } : {}),
        docsUrl: docsUrlFor(found.code, settings.docs),
        ...(found.hint ? { hint: found.hint } : {}),
        ...(found.fix ? { fixable: true, fix: found.fix } : {}),
      });
    }
  }
  return diagnostics;
}
