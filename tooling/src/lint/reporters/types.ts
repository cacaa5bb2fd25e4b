import type { Diagnostic } from '../types.js';

export interface ReporterOptions {
  /** Colour the output (pretty only). @default false */
  readonly color?: boolean;
  /** File text by project-relative path, for code frames (pretty only). */
  readonly sources?: ReadonlyMap<string, string>;
  /** How many files were linted, for the summary line. */
  readonly files?: number;
  /** How many of them took their results from the lint cache (pretty only). */
  readonly cached?: number;
  /** Rule descriptions by code (sarif `rules`). */
  readonly rules?: ReadonlyMap<string, { readonly description: string; readonly docsUrl: string }>;
}

/** A reporter turns diagnostics into the text printed on stdout; it never prints itself. */
export type Reporter = (diagnostics: readonly Diagnostic[], options?: ReporterOptions) => string;
