/** The build report: written as report.json and report.md beside the manifest, and printed. */

export interface BuildReport {
  atoms: number;
  units: number;
  faqUnits: number;
  /** Units cut from sections over the token budget. */
  splitUnits: number;
  /** Atom files left out, and why (`draft`, `invalid-header`, `duplicate-id`). */
  skipped: { file: string; reason: string }[];
  /** Vectors taken from the embedding cache / computed in this build. */
  cached: number;
  embedded: number;
  /** `incremental` when the previous artifact was reused. */
  mode: 'full' | 'incremental';
  changedFiles: number;
  removedFiles: number;
  dense: boolean;
  /** Why dense retrieval is off, when it is. */
  denseWarning: string | undefined;
  model: string;
  maxUnitTokens: number;
  seconds: number;
  indexBytes: number;
  builtAt: string;
}

/**
 * @example renderReportMarkdown(report).split('\n')[0] //=> '## Search index'
 */
export function renderReportMarkdown(report: BuildReport): string {
  const rows: [string, string][] = [
    ['Atoms indexed', String(report.atoms)],
    ['Units', `${report.units} (${report.faqUnits} FAQ pairs, ${report.splitUnits} from split sections)`],
    ['Embeddings', report.dense ? `${report.embedded} computed, ${report.cached} from cache` : 'none (lexical only)'],
    ['Dense retrieval', report.dense ? `on, model \`${report.model}\`` : `off${report.denseWarning ? `: ${report.denseWarning}` : ''}`],
    ['Build', `${report.mode}, ${report.changedFiles} changed and ${report.removedFiles} removed files, ${report.seconds.toFixed(1)} s`],
    ['Unit budget', `${report.maxUnitTokens} tokens`],
    ['Index size', formatBytes(report.indexBytes)],
  ];
  const lines = ['## Search index', '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`)];
  if (report.skipped.length > 0) {
    lines.push('', `Left out (${report.skipped.length}):`, '');
    for (const { file, reason } of report.skipped.slice(0, 50)) lines.push(`- \`${file}\`: ${reason}`);
    if (report.skipped.length > 50) lines.push(`- and ${report.skipped.length - 50} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** The few lines `atomkit index` prints at the end. */
export function renderReportText(report: BuildReport, dir: string): string {
  const lines = [
    `Indexed ${report.atoms} atoms into ${report.units} units (${report.faqUnits} FAQ pairs, ${report.splitUnits} from split sections) in ${report.seconds.toFixed(1)} s.`,
    report.dense
      ? `Embeddings: ${report.embedded} computed, ${report.cached} from cache (model ${report.model}).`
      : 'Dense retrieval: off (lexical index only).',
    `Build: ${report.mode}, ${report.changedFiles} changed and ${report.removedFiles} removed files; index ${formatBytes(report.indexBytes)} at ${dir}.`,
  ];
  if (report.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const { reason } of report.skipped) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    lines.push(`Left out: ${[...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')} (see report.md).`);
  }
  return `${lines.join('\n')}\n`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
