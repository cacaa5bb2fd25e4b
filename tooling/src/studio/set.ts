/**
 * `atomkit set <field>=<value> --where <field>=<value>`: one header edit across every atom that
 * matches, through the YAML document model (comments, key order and quoting elsewhere kept).
 * Values are read as YAML scalars or flow lists (`tags=[a, b]`), and each changed header must
 * still be valid against the atom schema before anything is written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isScalar, isSeq, parse as parseYaml, type Document } from 'yaml';
import type { AtomkitConfig } from '../config/load.js';
import type { CliIo } from '../cli/io.js';
import { atomSchema } from '../atom/schema.js';
import { validatorFor } from '../schema/validator.js';
import { explainSchemaErrors } from '../schema/explain.js';
import { parseAtomText } from '../atom/parse.js';
import { applyChanges, unifiedDiff, type FileChange } from './changes.js';
import { StudioError } from './errors.js';
import { editHeader } from './header-edit.js';
import { loadKnowledgeBase } from './knowledge-base.js';

export interface SetOptions {
  /** `field=value`; a dotted field edits a nested key (`prerequisites.role=admin`). */
  readonly assignment: string;
  /** `field=value` filters, all must match; a list field matches when it contains the value. */
  readonly where: readonly string[];
  readonly dryRun?: boolean;
  /** Add the value to a list field instead of replacing it. */
  readonly add?: boolean;
  /** Remove the value from a list field. */
  readonly remove?: boolean;
}

interface Assignment {
  readonly path: string[];
  readonly value: unknown;
}

const KNOWN_FIELDS = Object.keys(atomSchema.properties);

/**
 * @example parseAssignment('status=review') //=> { path: ['status'], value: 'review' }
 */
export function parseAssignment(text: string): Assignment {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new StudioError(`Expected \`field=value\`, got \`${text}\`.`, 2);
  const field = text.slice(0, eq).trim();
  const pathParts = field.split('.');
  if (!KNOWN_FIELDS.includes(pathParts[0]!)) {
    throw new StudioError(`Unknown header field \`${pathParts[0]}\`, expected one of ${KNOWN_FIELDS.join(', ')}.`, 2);
  }
  const raw = text.slice(eq + 1).trim();
  let value: unknown = raw;
  try {
    // YAML, so `tags=[a, b]` is a list and `version=1.2.0` stays text; dates stay text too (1.2 core).
    value = raw === '' ? '' : parseYaml(raw, { version: '1.2' });
  } catch {
    value = raw;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) value = raw;
  return { path: pathParts, value };
}

export async function runSet(options: SetOptions, config: AtomkitConfig, io: CliIo): Promise<number> {
  const assignment = parseAssignment(options.assignment);
  const filters = options.where.map(parseAssignment);
  if (filters.length === 0) throw new StudioError('`set` needs at least one `--where field=value`, so a bulk edit is always deliberate.', 2, 'For example `--where type=procedure`; there is deliberately no way to edit every atom without a filter.');
  if (options.add && options.remove) throw new StudioError('Use either --add or --remove, not both.', 2);
  if (assignment.path[0] === 'title') throw new StudioError('Titles are renamed with `atomkit rename`, which also rewrites the references.', 2);
  const kb = loadKnowledgeBase(config);
  const validate = validatorFor(atomSchema);
  const changes: FileChange[] = [];
  const invalid: string[] = [];
  let matched = 0;
  for (const atom of kb.atoms) {
    const data = atom.data as Record<string, unknown> | undefined;
    if (!data || !filters.every((filter) => matches(valueAt(data, filter.path), filter.value))) continue;
    matched++;
    const raw = readFileSync(atom.file, 'utf8');
    const result = editHeader(raw, (doc) => {
      if (options.add || options.remove) editList(doc, assignment, options.add ? 'add' : 'remove');
      else setValue(doc, assignment);
    });
    if (!result.changed) continue;
    const after = parseAtomText(result.text).data;
    if (!validate(after)) {
      const [problem] = explainSchemaErrors(validate.errors ?? [], atomSchema, after);
      invalid.push(`${path.relative(config.root, atom.file)}: ${problem?.message ?? 'the header would be invalid'}`);
      continue;
    }
    changes.push({ file: atom.file, before: raw, after: result.text });
  }
  if (invalid.length > 0) {
    throw new StudioError(`Nothing was changed: the edit would make ${invalid.length} header${invalid.length === 1 ? '' : 's'} invalid:\n  ${invalid.join('\n  ')}`, 1);
  }
  if (options.dryRun) for (const change of changes) io.stdout(unifiedDiff(change, config.root));
  else applyChanges(changes);
  io.stderr(`${matched} atom${matched === 1 ? '' : 's'} matched; ${options.dryRun ? 'would change' : 'changed'} ${changes.length}\n`);
  return 0;
}

/** Replaces a value; a scalar keeps its quoting, and a new date or version is quoted like others. */
function setValue(doc: Document, assignment: Assignment): void {
  const node = doc.getIn(assignment.path, true);
  if (isScalar(node) && (typeof assignment.value === 'string' || typeof assignment.value === 'number')) {
    node.value = assignment.value;
    return;
  }
  const created = doc.createNode(assignment.value);
  if (isScalar(created) && typeof created.value === 'string' && /^(?:\d{4}-\d{2}-\d{2}|\d+\.\d+\.\d+.*)$/.test(created.value)) created.type = 'QUOTE_DOUBLE';
  doc.setIn(assignment.path, created);
}

/** Adds values to, or removes them from, a list field, keeping the list's own style. */
function editList(doc: Document, assignment: Assignment, mode: 'add' | 'remove'): void {
  const values = Array.isArray(assignment.value) ? assignment.value : [assignment.value];
  const node = doc.getIn(assignment.path, true);
  if (!isSeq(node)) {
    if (mode === 'add') doc.setIn(assignment.path, doc.createNode(values));
    return;
  }
  const present = (node.toJSON() as unknown[]) ?? [];
  if (mode === 'add') for (const value of values) if (!present.includes(value)) node.add(doc.createNode(value));
  if (mode === 'remove') node.items = node.items.filter((item) => !(isScalar(item) && values.includes(item.value)));
}

function valueAt(data: Record<string, unknown>, pathParts: readonly string[]): unknown {
  let value: unknown = data;
  for (const part of pathParts) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function matches(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(actual)) return Array.isArray(wanted) ? wanted.every((w) => actual.includes(w)) : actual.includes(wanted);
  if (wanted === '') return actual === undefined || actual === '';
  return JSON.stringify(actual) === JSON.stringify(wanted) || String(actual) === String(wanted);
}
