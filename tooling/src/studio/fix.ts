/**
 * `atomkit fix`: applies the linter's safe autofixes to atoms (the fixes its rules attach to
 * their findings, `lint/fix.ts`), and adds missing or repeated turn anchors in interview
 * transcripts. Writes are atomic per file and the batch lands whole; `--dry-run` shows the diff.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { findAtomFiles } from '../atom/load.js';
import { applyFixes, fixableDiagnostics } from '../lint/fix.js';
import { engineSettings, projectFile } from '../lint/run.js';
import { applyChanges, unifiedDiff, type FileChange } from './changes.js';
import { readInterview } from './interview/lint.js';
import { loadKnowledgeBase } from './knowledge-base.js';

export interface FixOptions {
  readonly dryRun?: boolean;
}

export async function runFix(options: FixOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const settings = engineSettings(config);
  const changes: FileChange[] = [];
  let fixes = 0;
  for (const atom of loadKnowledgeBase(config).atoms) {
    const found = fixableDiagnostics(atom, projectFile(config, atom.file), settings);
    if (found.length === 0) continue;
    const result = applyFixes(atom, found.map((d) => d.fix!));
    const before = readFileSync(atom.file, 'utf8');
    if (result.applied > 0 && result.text !== before) {
      changes.push({ file: atom.file, before, after: result.text });
      fixes += result.applied;
    }
  }
  for (const file of findAtomFiles(config.atoms.interviewsAbs, config.root)) {
    const read = readInterview(file, { projectRoot: config.root });
    if (!read.interview || read.text === undefined) continue;
    const fixesHere = read.diagnostics.flatMap((d) => (d.fix ? [d.fix] : []));
    if (fixesHere.length === 0) continue;
    const { text } = applyFixes(read.interview.parsed, fixesHere);
    changes.push({ file, before: read.text, after: text });
    fixes += fixesHere.length;
  }
  if (options.dryRun) for (const change of changes) io.stdout(unifiedDiff(change, config.root));
  else applyChanges(changes);
  io.stderr(`${options.dryRun ? 'would apply' : 'applied'} ${fixes} fix${fixes === 1 ? '' : 'es'} in ${changes.length} file${changes.length === 1 ? '' : 's'}${changes.length > 0 ? `: ${changes.map((c) => path.relative(config.root, c.file)).join(', ')}` : ''}\n`);
  return 0;
}
