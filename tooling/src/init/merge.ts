/**
 * What `atomkit init` adds to the files a repository already has: the ignore rules its
 * `.gitignore` lacks, and the scripts and the dev dependency its `package.json` lacks. Nothing of
 * theirs is changed, reordered or removed; a script of theirs with atomkit's name stays theirs.
 */
import { StudioError } from '../studio/errors.js';
import { jsonError } from '../text/json-error.js';

export interface Merged {
  readonly content: string;
  /** What was added: ignore rules; `scripts.<name>` and `devDependencies.atomkit`; or `include <file>` and `stage <name>` (gitlab.ts). */
  readonly added: readonly string[];
  /** Scripts of theirs that atomkit would have written otherwise. */
  readonly kept: readonly { readonly name: string; readonly theirs: string; readonly ours: string }[];
}

/**
 * `theirs` with the rules of `ours` it does not already have, under a comment. A rule counts as
 * present written with or without its leading or trailing slash (`node_modules`, `/node_modules/`),
 * and when `theirs` negates it (`!site/dist/`): they keep that path in Git on purpose.
 *
 * @example mergeGitignore('node_modules\n', 'node_modules/\n.atomkit/\n').added //=> ['.atomkit/']
 */
export function mergeGitignore(theirs: string, ours: string): Merged {
  const rule = (line: string) => line.trim().replace(/^!/, '').replace(/^\/|\/$/g, '');
  const rules = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const present = new Set(rules(theirs).map(rule));
  const added = rules(ours).filter((line) => !present.has(rule(line)));
  if (added.length === 0) return { content: theirs, added, kept: [] };
  const eol = theirs.includes('\r\n') ? '\r\n' : '\n';
  const before = theirs === '' || theirs.endsWith('\n') ? theirs : `${theirs}${eol}`;
  const block = ['# What atomkit writes: installed packages, the search index and caches, the built site', ...added].join(eol);
  return { content: `${before}${before.trim() === '' ? '' : eol}${block}${eol}`, added, kept: [] };
}

export interface PackageAdditions {
  readonly scripts: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

/**
 * `theirs` (the text of `file`) with the scripts and dev dependencies it lacks, in its own
 * indentation and line endings. A dependency it already has in any dependency field is left as it
 * is. Text that is not a JSON object stops `atomkit init` with the place of the problem.
 *
 * @example mergePackageJson('{\n  "scripts": { "test": "jest" }\n}\n', 'package.json', { scripts: { test: 'atomkit lint', lint: 'atomkit lint' }, devDependencies: {} }).added //=> ['scripts.lint']
 */
export function mergePackageJson(theirs: string, file: string, ours: PackageAdditions): Merged {
  const manifest = parseObject(theirs, file);
  const added: string[] = [];
  const kept: { name: string; theirs: string; ours: string }[] = [];
  const scripts = objectField(manifest, 'scripts', file);
  for (const [name, command] of Object.entries(ours.scripts)) {
    const existing = scripts[name];
    if (existing === undefined) {
      scripts[name] = command;
      added.push(`scripts.${name}`);
    } else if (existing !== command) {
      kept.push({ name, theirs: String(existing), ours: command });
    }
  }
  const declared = (name: string) => DEPENDENCY_FIELDS.some((field) => isObject(manifest[field]) && name in (manifest[field] as object));
  const missing = Object.entries(ours.devDependencies).filter(([name]) => !declared(name));
  if (missing.length > 0) {
    const devDependencies = objectField(manifest, 'devDependencies', file);
    const wasSorted = isSorted(Object.keys(devDependencies));
    for (const [name, range] of missing) {
      devDependencies[name] = range;
      added.push(`devDependencies.${name}`);
    }
    // npm keeps dependency fields sorted; a field kept otherwise by hand stays in its own order.
    if (wasSorted) manifest.devDependencies = Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if (added.length === 0) return { content: theirs, added, kept };
  const eol = theirs.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\{[ \t]*\r?\n([ \t]+)\S/.exec(theirs)?.[1] ?? '  ';
  const text = JSON.stringify(manifest, null, indent).replace(/\n/g, eol);
  return { content: /\r?\n$/.test(theirs) ? `${text}${eol}` : text, added, kept };
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSorted(keys: readonly string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1]! <= key);
}

/** The object a field holds, made when missing; another kind of value there stops init. */
function objectField(manifest: JsonObject, field: string, file: string): JsonObject {
  const value = manifest[field] ?? (manifest[field] = {});
  if (!isObject(value)) throw new StudioError(`${file}: "${field}" is ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object. Nothing was written.`, 1, `Make "${field}" an object (or remove it), then run atomkit init again.`);
  return value;
}

/**
 * The JSON object `text` holds; a syntax error is reported at its line and column, as
 * `package.json:3:1: Expected double-quoted property name`.
 */
function parseObject(text: string, file: string): JsonObject {
  // A byte order mark is no JSON, and npm reads the file past it.
  const json = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    const problem = jsonError(json)!;
    throw new StudioError(`${file}:${problem.at.line}:${problem.at.column}: ${problem.reason}. Nothing was written.`, 1, 'Fix package.json (npm cannot read it either), then run atomkit init again.');
  }
  if (!isObject(value)) throw new StudioError(`${file}: expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}. Nothing was written.`, 1);
  return value;
}
