/** Reporters by `--format` name. A new format is one file and one line here. */
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import { sarif } from './sarif.js';
import type { Reporter } from './types.js';

export const REPORTERS = { pretty, json, github, gitlab, sarif } as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}
