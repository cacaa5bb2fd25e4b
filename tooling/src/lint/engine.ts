/**
 * Runs rules and turns what they report into diagnostics: the engine, not the rules, picks the
 * severity (from the resolved config), formats the message from the rule's template and adds the
 * link to the rule's error atom.
 */
import { absoluteUrl, atomUrl, ruleDocAnchor, ruleDocId, sectionUrl } from '../atom/identity.js';
import type { Atom } from '../atom/load.js';
import { RULES } from './registry.js';
import type { Severities } from './severity.js';
import { isCorpusRule, type CorpusEntry, type Diagnostic, type FileRule, type Report, type RuleMeta, type RuleSettings } from './types.js';

export interface EngineSettings {
  readonly severities: Severities;
  readonly rule: RuleSettings;
  /** Origin and base path of the site documenting the rules (`lint.docsUrl`), for docs links. */
  readonly docs: { readonly base: string; readonly url: string };
}

/** A corpus finding with what it involves (for `--changed` filtering). */
export interface CorpusFinding {
  readonly diagnostic: Diagnostic;
  readonly involves: readonly string[];
}

const FILE_RULES = RULES.filter((rule): rule is FileRule => !isCorpusRule(rule));
const CORPUS_RULES = RULES.filter(isCorpusRule);

/**
 * The page documenting a rule code.
 *
 * @example docsUrlFor('frontmatter/schema', { base: '/', url: 'https://atomkit.github.io' }) //=> 'https://atomkit.github.io/error/frontmatter-schema/'
 */
export function docsUrlFor(code: string, docs: EngineSettings['docs']): string {
  return absoluteUrl(sectionUrl(atomUrl(ruleDocId(code), docs.base), ruleDocAnchor(code)), docs.url);
}

function format(template: string, data: Report['data']): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (data && name in data ? String(data[name]) : whole));
}

function toDiagnostic(meta: RuleMeta, report: Report, file: string, settings: EngineSettings): Diagnostic | undefined {
  const code = report.code ?? meta.code;
  const severity = settings.severities.get(code) ?? meta.defaultSeverity;
  if (severity === 'off') return undefined;
  const template = meta.messages[report.messageId];
  if (template === undefined) throw new TypeError(`Expected a message id of rule ${meta.code} (${Object.keys(meta.messages).join(', ')}), got \`${report.messageId}\``);
  return {
    code,
    severity,
    message: format(template, report.data),
    file,
    // Copy line and column only: positions from mdast also carry offsets.
    start: { line: report.range.start.line, column: report.range.start.column },
    ...(report.range.end ? { end: { line: report.range.end.line, column: report.range.end.column } } : {}),
    docsUrl: docsUrlFor(code, settings.docs),
    ...(report.hint ? { hint: report.hint } : {}),
    ...(report.fix ? { fixable: true, fix: report.fix } : {}),
  };
}

function enabled(rule: FileRule, settings: EngineSettings): boolean {
  const codes = rule.codes ?? [rule.meta];
  return codes.some((meta) => (settings.severities.get(meta.code) ?? meta.defaultSeverity) !== 'off');
}

/**
 * Runs the per-file rules on one atom. A rule that throws becomes an `internal` diagnostic on the
 * file instead of stopping the run.
 *
 * @param file Project-relative POSIX path shown in diagnostics.
 */
export function lintAtom(atom: Atom, file: string, settings: EngineSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of FILE_RULES) {
    if (!enabled(rule, settings)) continue;
    try {
      rule.check(atom, {
        settings: settings.rule,
        report(report) {
          const diagnostic = toDiagnostic(rule.codes?.find((m) => m.code === report.code) ?? rule.meta, report, file, settings);
          if (diagnostic) out.push(diagnostic);
        },
      });
    } catch (error) {
      out.push(internalDiagnostic(rule.meta.code, error, file, settings));
    }
  }
  return out;
}

/** Runs the cross-file rules over the whole corpus. */
export function lintCorpus(entries: readonly CorpusEntry[], settings: EngineSettings, focus?: ReadonlySet<string>): CorpusFinding[] {
  const out: CorpusFinding[] = [];
  const wanted = focus ? (entry: CorpusEntry) => focus.has(entry.file) : () => true;
  for (const rule of CORPUS_RULES) {
    if ((settings.severities.get(rule.meta.code) ?? rule.meta.defaultSeverity) === 'off') continue;
    rule.checkCorpus(entries, {
      settings: settings.rule,
      wanted,
      report(entry, report) {
        if (!wanted(entry)) return;
        const diagnostic = toDiagnostic(rule.meta, report, entry.file, settings);
        if (diagnostic) out.push({ diagnostic, involves: [`file:${entry.file}`, ...(report.involves ?? [])] });
      },
    });
  }
  return out;
}

function internalDiagnostic(code: string, error: unknown, file: string, settings: EngineSettings): Diagnostic {
  return {
    code,
    severity: 'error',
    message: `The rule \`${code}\` failed on this file: ${(error as Error)?.message ?? String(error)}. Please report it.`,
    file,
    start: { line: 1, column: 1 },
    docsUrl: docsUrlFor(code, settings.docs),
  };
}

/** Sorts diagnostics by file, line, column, code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.start.line - b.start.line ||
      a.start.column - b.start.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
