/** The coverage report as Markdown (good as a pull-request comment) or JSON. */
import type { CoverageReport } from './collect.js';

const LIMIT = 25;

export function renderCoverageJson(report: CoverageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderCoverageMarkdown(report: CoverageReport): string {
  const out: string[] = ['## Knowledge base coverage', ''];
  out.push(`**${report.atoms} atoms.** ` + Object.entries(report.byStatus).map(([status, n]) => `${n} ${status}`).join(', ') + '.', '');
  out.push('| type | atoms |', '| --- | ---: |', ...Object.entries(report.byType).map(([type, n]) => `| ${type} | ${n} |`), '');

  out.push('### Interview passages not cited by any atom', '');
  if (report.interviews.length === 0) out.push('No interview transcripts.', '');
  else {
    out.push('| transcript | passages | cited |', '| --- | ---: | ---: |', ...report.interviews.map((i) => `| ${i.file} | ${i.passages} | ${i.cited} |`), '');
    out.push(...list(report.uncitedPassages.map((p) => `\`${p.ref}\` (${p.speaker}): ${escape(p.excerpt)}`)));
  }

  if (report.bot.available) {
    out.push('### Review first: atoms cited in down-voted answers', '');
    out.push(...list(report.bot.downVoted.map((a) => `**${escape(a.title)}** (\`${a.atomId}\`): ${a.downVotes} down-vote${a.downVotes === 1 ? '' : 's'}${a.comments.length ? `; "${escape(a.comments[0]!)}"` : ''}`)));
    out.push('### Questions the atoms did not answer', '');
    out.push(...list(report.bot.unanswered.map((g) => `${g.count}× "${escape(g.question)}"${g.variants.length > 1 ? ` (+${g.variants.length - 1} wordings)` : ''}${g.closestAtom ? `, closest: \`${g.closestAtom}\`` : ''}`)));
    // Some were refused although an atom answers them: the threshold is set on readers' own questions.
    if (report.bot.unanswered.length > 0) {
      out.push('Some may be answered by an atom the refusal missed: `atomkit conversations export --since <date> --format questions --out <file>` drafts the questions readers asked as a question set to check, and `atomkit eval sets --questions <file>` then says which `bot.minScore` suits them.', '');
    }
  } else {
    out.push(`_Chat signals unavailable: ${report.bot.note ?? 'no store'}._`, '');
  }

  out.push('### Atoms without FAQ pairs', '', ...list(report.withoutFaq.map(escape)));
  out.push('### Orphans (no atom relates to them)', '', ...list(report.orphans.map(escape)));
  out.push('### One-way `related` links', '', ...list(report.oneWayRelated.map((l) => `${escape(l.from)} → ${escape(l.to)}`)));
  out.push(`### Stale (not updated in ${report.staleMonths} months)`, '', ...list(report.stale.map((s) => `${escape(s.title)} (${s.lastChanged})`)));
  return `${out.join('\n').trimEnd()}\n`;
}

function list(items: readonly string[]): string[] {
  if (items.length === 0) return ['None.', ''];
  const shown = items.slice(0, LIMIT).map((item) => `- ${item}`);
  if (items.length > LIMIT) shown.push(`- … and ${items.length - LIMIT} more`);
  return [...shown, ''];
}

/** Keeps user text from turning into Markdown (tables, links, HTML) in a PR comment. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}
