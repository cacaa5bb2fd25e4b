/** Prints a plan of drafts (extract, import) for people or as JSON. */
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import { unifiedDiff } from './changes.js';
import type { PlannedDraft } from './plan.js';

const LABEL_COLOR = { new: 'green', collision: 'yellow', 'near-duplicate': 'yellow', invalid: 'red' } as const satisfies Record<PlannedDraft['status'], string>;

export function printPlan(io: CliIo, plan: readonly PlannedDraft[], options: { dryRun: boolean; root: string; verbose?: boolean }): void {
  const pc = io.colors;
  for (const item of plan) {
    const from = item.sources.length > 0 ? pc.dim(`  <- ${item.sources.map((ref) => ref.replace(/^.*#/, '#')).join(' ')}`) : '';
    io.stdout(`${pc[LABEL_COLOR[item.status]](item.status.padEnd(14))} ${item.path}  "${item.title}"${from}\n`);
    if (item.status !== 'new') for (const reason of item.reasons) io.stdout(`    ${pc.dim(reason)}\n`);
    if (options.dryRun && options.verbose && item.status === 'new') {
      io.stdout(unifiedDiff({ file: path.resolve(options.root, item.path), before: undefined, after: item.text }, options.root));
    }
  }
}

export function countBy(plan: readonly PlannedDraft[]): Record<PlannedDraft['status'], number> {
  const counts = { new: 0, collision: 0, 'near-duplicate': 0, invalid: 0 };
  for (const item of plan) counts[item.status]++;
  return counts;
}

export function summaryLine(plan: readonly PlannedDraft[], written: number, dryRun: boolean): string {
  const counts = countBy(plan);
  const refused = plan.length - counts.new;
  const verb = dryRun ? `would write ${counts.new}` : `wrote ${written}`;
  const why = refused > 0 ? ` (${counts.collision} collisions, ${counts['near-duplicate']} near-duplicates, ${counts.invalid} invalid)` : '';
  return `${verb} of ${plan.length} drafts${refused > 0 ? `; ${refused} not written${why}` : ''}\n`;
}
