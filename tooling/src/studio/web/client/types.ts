/** The shapes the studio's API answers with (tooling/src/studio/web/routes). */

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly file: string;
  readonly start: Position;
  readonly end?: Position;
  readonly docsUrl: string;
  readonly hint?: string;
  /** The header field it is about. */
  readonly field?: string;
  readonly index?: number;
}

export interface WordLimits {
  readonly minWords: number;
  readonly maxWords: number;
  readonly language?: string;
}

export interface SchemaProperty {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly default?: unknown;
  readonly items?: SchemaProperty & { readonly properties?: Record<string, SchemaProperty>; readonly required?: readonly string[] };
  readonly properties?: Record<string, SchemaProperty>;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface Session {
  readonly project: string;
  readonly atomsDir: string;
  readonly interviewsDir: string;
  readonly schema: { readonly required: readonly string[]; readonly properties: Record<string, SchemaProperty> };
  readonly scaffolds: Record<string, string>;
  readonly author: string;
  readonly today: string;
  readonly titles: string[];
  readonly tags: string[];
}

export type Header = Record<string, unknown>;

export interface LintAnswer {
  readonly path: string;
  readonly bodyLine: number;
  readonly diagnostics: Diagnostic[];
  readonly words: number;
  readonly limits: WordLimits;
}

export interface OpenedAtom extends LintAnswer {
  readonly text: string;
  readonly hash: string;
  readonly header: Header | null;
  readonly body: string;
}

/** An atom the editor opens that is not on disk yet. */
export interface NewAtom {
  readonly path: string;
  readonly header: Header;
  readonly body: string;
  /** Why the draft is not what was asked for (the model could not be reached). */
  readonly note?: string;
}
