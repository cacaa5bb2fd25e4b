/**
 * The shapes the linter passes around: rules, what they report, and diagnostics (plain data that
 * every reporter formats).
 */
import type { Atom } from '../atom/load.js';
import type { Position, Range } from '../atom/position.js';

export type Severity = 'error' | 'warn';
export type SeveritySetting = Severity | 'off';

/**
 * A safe automatic fix. `range`/`text` edit the parsed text (`atom.text`: BOM removed, LF line
 * endings); `normalize` rewrites the whole file (drop the BOM, or use LF line endings).
 */
export type Fix = { readonly range: readonly [number, number]; readonly text: string } | { readonly normalize: 'bom' | 'line-endings' };

/** One finding, as every reporter receives it. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Project-relative POSIX path. */
  readonly file: string;
  readonly start: Position;
  readonly end?: Position;
  /** The error atom page that documents the rule. */
  readonly docsUrl: string;
  readonly hint?: string;
  readonly fixable?: boolean;
  readonly fix?: Fix;
}

export interface RuleMeta {
  readonly code: string;
  readonly description: string;
  readonly defaultSeverity: SeveritySetting;
  readonly fixable?: boolean;
  /** Message templates by id; `{name}` is replaced by `data.name`. */
  readonly messages: Readonly<Record<string, string>>;
}

/** What a rule reports: a message id with data (never a preformatted string) and a place. */
export interface Report {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly range: Range;
  readonly hint?: string;
  readonly fix?: Fix;
  /** Rule code, for a rule file that reports several codes (the Markdown style rules). */
  readonly code?: string;
  /**
   * Keys of what else this finding is about (`file:<relPath>` or `title:<title>`), so a
   * `--changed` run keeps findings in unchanged files that a change caused.
   */
  readonly involves?: readonly string[];
}

/** Settings a rule may read (thresholds), never severities. */
export interface RuleSettings {
  readonly minWords: number;
  readonly maxWords: number;
  /** Word limits by language tag, in place of `minWords` and `maxWords` for atoms in it. */
  readonly languages: Readonly<Record<string, WordLimits>>;
  readonly defaultLanguage: string;
  /** The docs site's base path (`/docs/`), which links to atom pages begin with. @default '/' */
  readonly siteBase?: string;
}

export interface WordLimits {
  readonly minWords: number;
  readonly maxWords: number;
}

export interface RuleContext {
  readonly settings: RuleSettings;
  report(report: Report): void;
}

/** A rule that looks at one atom at a time. */
export interface FileRule {
  readonly meta: RuleMeta;
  /** Further codes this rule reports (the Markdown style family). */
  readonly codes?: readonly RuleMeta[];
  check(atom: Atom, ctx: RuleContext): void;
}

/** Serializable header facts (crosses worker boundaries). */
export interface EntryFacts {
  readonly file: string;
  readonly id: string;
  readonly slug: string;
  readonly title: string | undefined;
  readonly related: readonly string[];
  readonly language: string;
  readonly version: string | undefined;
  readonly translationOf: string | undefined;
  readonly sourceVersion: string | undefined;
  /** Positions of the header values corpus rules point at, keyed by path (`related.2`). */
  readonly positions?: Readonly<Record<string, Range>>;
  /** Links of the body that may lead to another atom or a heading, with where each is (from a full parse). */
  readonly links?: readonly BodyLink[];
  /** Anchors of the atom's page: its headings' and its FAQ questions' (from a full parse). */
  readonly anchors?: readonly string[];
}

export interface BodyLink {
  readonly url: string;
  readonly range: Range;
}

/** The header facts cross-file rules need, from a full parse or a fast header-only read. */
export interface CorpusEntry extends Omit<EntryFacts, 'positions' | 'links' | 'anchors'> {
  /** Where a header value is (its key with `atKey`). */
  locate(path: readonly (string | number)[], atKey?: boolean): Range;
  /** The links of the body (none for an entry read from its header alone: its findings are not wanted). */
  readonly links: readonly BodyLink[];
  /** The anchors of the atom's page; read from the file, once, when the entry came from its header alone. */
  anchors(): ReadonlySet<string>;
}

export interface CorpusContext {
  readonly settings: RuleSettings;
  /**
   * Whether the findings of `entry` are wanted: all of them in a full lint, one atom's in the
   * studio. Rules skip the work of an unwanted entry (locating values, suggesting titles), never
   * the indexing of the corpus its findings are about.
   */
  wanted(entry: CorpusEntry): boolean;
  report(entry: CorpusEntry, report: Report): void;
}

/** A rule that needs the whole corpus (links, duplicates, translations). */
export interface CorpusRule {
  readonly meta: RuleMeta;
  checkCorpus(entries: readonly CorpusEntry[], ctx: CorpusContext): void;
}

export type Rule = FileRule | CorpusRule;

export function isCorpusRule(rule: Rule): rule is CorpusRule {
  return 'checkCorpus' in rule;
}
