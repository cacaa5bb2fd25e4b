/**
 * Turns ajv errors into plain sentences that say what was expected and what was found, each
 * with the YAML path it concerns (so the caller can point at the exact line and column).
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from '../text/did-you-mean.js';

export interface SchemaProblem {
  /** Path of the value the problem is about, e.g. `['tags', 2]`. */
  readonly path: readonly (string | number)[];
  /** Point at the key rather than the value (unknown fields). */
  readonly atKey: boolean;
  readonly message: string;
  readonly hint?: string;
}

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: readonly unknown[];
  pattern?: string;
  propertyNames?: SchemaNode;
  /** The value is a secret (a connection string with a password): messages never repeat it. */
  writeOnly?: boolean;
}

/**
 * Explains ajv errors against `schema`, dropping the noise ajv adds around the real cause.
 *
 * @example explainSchemaErrors(errors, schema)[0].message
 * //=> 'Unknown field `titel`; did you mean `title`?'
 */
export function explainSchemaErrors(errors: readonly ErrorObject[], schema: object, data: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    const problem = explainOne(error, path, schema as SchemaNode, data);
    if (!problem) continue;
    const key = `${problem.path.join('.')}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function explainOne(error: ErrorObject, path: (string | number)[], root: SchemaNode, data: unknown): SchemaProblem | undefined {
  const name = describePath(path);
  const value = valueAt(data, path);
  const node = schemaAt(root, path);
  const found = node?.writeOnly ? 'a value not repeated here (it may hold a password)' : describeValue(value);
  const params = error.params as Record<string, unknown>;
  // A key that breaks `propertyNames`: ajv reports the key's own error, then `propertyNames` again.
  if (error.propertyName !== undefined) {
    const rule = node?.propertyNames?.description;
    return {
      path: [...path, error.propertyName],
      atKey: true,
      message: `The key \`${error.propertyName}\` in ${name} has the wrong form${rule ? `: expected ${lowerFirst(rule.replace(/\.$/, ''))}` : ''}.`,
    };
  }
  switch (error.keyword) {
    case 'propertyNames':
      return undefined;
    case 'required': {
      const field = String(params.missingProperty);
      const described = schemaAt(root, [...path, field])?.description;
      const where = path.length === 0 ? 'the header' : name;
      return {
        path,
        atKey: path.length > 0,
        message: `Missing required field \`${field}\` in ${where}.`,
        ...(described ? { hint: `\`${field}\`: ${described}` } : {}),
      };
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys(node?.properties ?? {});
      const guess = didYouMean(field, known);
      const near = guess !== undefined;
      return {
        path: [...path, field],
        atKey: true,
        message: `Unknown field \`${field}\`${path.length ? ` in ${name}` : ''}${near ? `; did you mean \`${guess}\`?` : '.'}`,
        hint: `Known fields: ${known.join(', ')}.`,
      };
    }
    case 'type': {
      const expected = String(params.type);
      const hint =
        expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
          ? `Quote the value so YAML reads it as text: "${String(value)}".`
          : expected === 'array' && typeof value === 'string'
            ? `Write a list: [${JSON.stringify(value)}] or one "- item" per line.`
            : undefined;
      return { path, atKey: false, message: `${capital(name)} must be ${article(expected)}, found ${found}.`, ...(hint ? { hint } : {}) };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return {
        path,
        atKey: false,
        message: `Unexpected ${name} ${found}, expected one of ${allowed.map((v) => `\`${v}\``).join(', ')}.`,
        ...(guess ? { hint: `Did you mean \`${guess}\`?` } : {}),
      };
    }
    case 'format': {
      const format = String(params.format);
      const example = format === 'date' ? 'a date like 2025-01-31' : format === 'uri' ? 'an absolute URL like https://example.org' : `a valid ${format}`;
      return { path, atKey: false, message: `${capital(name)} must be ${example}, found ${found}.` };
    }
    case 'pattern': {
      const what = node?.description ? ` (${lowerFirst(node.description.replace(/\.$/, ''))})` : '';
      return { path, atKey: false, message: `${capital(name)} has the wrong form${what}: found ${found}.` };
    }
    case 'minLength':
      return { path, atKey: false, message: `${capital(name)} is too short: expected at least ${String(params.limit)} characters, found ${found}.` };
    case 'maxLength':
      return { path, atKey: false, message: `${capital(name)} is too long: expected at most ${String(params.limit)} characters, found ${String((value as string).length)}.` };
    case 'minItems':
      return { path, atKey: false, message: `${capital(name)} needs at least ${String(params.limit)} item(s).` };
    case 'maxItems':
      return { path, atKey: false, message: `${capital(name)} has too many items: expected at most ${String(params.limit)}, found ${String((value as unknown[]).length)}.` };
    case 'uniqueItems':
      return { path: [...path, Number(params.i)], atKey: false, message: `${capital(name)} lists the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1}).` };
    case 'minimum':
    case 'maximum':
      return { path, atKey: false, message: `${capital(name)} must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}, found ${found}.` };
    case 'if':
    case 'anyOf':
    case 'oneOf':
      return undefined;
    default:
      return { path, atKey: false, message: `${capital(name)} ${error.message ?? 'is invalid'}.` };
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the header';
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return `\`${out}\``;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${typeof value === 'string' ? '' : `${typeof value} `}\`${shown}\``;
}

function article(type: string): string {
  const noun = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function schemaAt(root: SchemaNode, path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const part of path) {
    if (!node) return undefined;
    node = typeof part === 'number' ? node.items : node.properties?.[part];
  }
  return node;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
