/**
 * The editor's view of an atom file: a header (the form) and a body (the code editor), and back.
 * An existing header is edited through the `yaml` document model (header-edit.ts), so comments,
 * key order and quoting of the fields not touched stay as the author wrote them.
 */
import { isCollection, isScalar, visit, type Document } from 'yaml';
import { parseAtomText, type ParsedAtomText } from '../../atom/parse.js';
import { renderHeader } from '../draft.js';
import { editHeader } from '../header-edit.js';

export interface AtomParts {
  /** The header as data; undefined when the file has no header that parses to a mapping. */
  readonly header: Record<string, unknown> | undefined;
  /** Everything after the header's closing line, leading blank lines removed. */
  readonly body: string;
  /** The file line the body's first line is on. */
  readonly bodyLine: number;
}

/** Fields the schema requires as lists: kept even when empty. */
const REQUIRED_LISTS = new Set(['tags', 'related']);
const QUOTED = /^(?:\d{4}-\d{2}-\d{2}|\d+\.\d+\.\d+.*)$/;

/**
 * @example splitAtom('---\ntitle: X\n---\n\nBody\n') //=> { header: { title: 'X' }, body: 'Body\n', bodyLine: 5 }
 */
export function splitAtom(text: string): AtomParts {
  return splitParsed(parseAtomText(text));
}

/** `splitAtom` of text already parsed. */
export function splitParsed(parsed: ParsedAtomText): AtomParts {
  const header = parsed.frontmatter;
  const data = parsed.data;
  if (!header || data === null || typeof data !== 'object' || Array.isArray(data)) return { header: undefined, body: parsed.text, bodyLine: 1 };
  const closeEnd = parsed.text.indexOf('\n', header.yamlOffset + header.yaml.length);
  const rest = closeEnd === -1 ? '' : parsed.text.slice(closeEnd + 1);
  const body = rest.replace(/^\n+/, '');
  return { header: data as Record<string, unknown>, body, bodyLine: lineOf(parsed.text, parsed.text.length - body.length) };
}

/** A header from the form without its empty optional fields. */
export function cleanHeader(header: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(header)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0 && !REQUIRED_LISTS.has(key)) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const inner = cleanHeader(value as Record<string, unknown>);
      if (Object.keys(inner).length === 0) continue;
      out[key] = inner;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/**
 * The file text for a header and a body. With `base` (the file as it was opened, header intact),
 * only the changed fields are rewritten; otherwise the header is rendered fresh.
 *
 * @example composeAtom(undefined, { title: 'X' }, 'Body\n').text //=> '---\ntitle: X\n---\n\nBody\n'
 */
export function composeAtom(base: string | undefined, header: Readonly<Record<string, unknown>>, body: string): { text: string; bodyLine: number } {
  const wanted = cleanHeader(header);
  const tail = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  let head: string | undefined;
  const baseHead = base === undefined ? undefined : headerOf(base);
  if (baseHead !== undefined) {
    const edited = parseAtomText(editHeader(baseHead, (doc) => applyHeader(doc, wanted)).text);
    const yamlEnd = edited.frontmatter!.yamlOffset + edited.frontmatter!.yaml.length;
    const closeEnd = edited.text.indexOf('\n', yamlEnd);
    head = closeEnd === -1 ? `${edited.text}\n` : edited.text.slice(0, closeEnd + 1);
  }
  head ??= renderHeader(wanted);
  const text = `${head}\n${tail}`;
  return { text, bodyLine: lineOf(text, head.length + 1) };
}

/**
 * The header lines of `base` (normalized as parsed), when it has a header that is a mapping. The
 * editor sends the same base with every keystroke: it is parsed, body and all, once.
 */
let lastHeader: { base: string; head: string | undefined } | undefined;
function headerOf(base: string): string | undefined {
  if (lastHeader?.base === base) return lastHeader.head;
  const parsed = parseAtomText(base);
  const header = parsed.frontmatter;
  const data = parsed.data;
  let head: string | undefined;
  if (header && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const closeEnd = parsed.text.indexOf('\n', header.yamlOffset + header.yaml.length);
    head = closeEnd === -1 ? `${parsed.text}\n` : parsed.text.slice(0, closeEnd + 1);
  }
  lastHeader = { base, head };
  return head;
}

function applyHeader(doc: Document, wanted: Record<string, unknown>): void {
  const current = (doc.toJS() ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(current)) if (!(key in wanted)) doc.delete(key);
  for (const [key, value] of Object.entries(wanted)) {
    if (JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    const node = doc.createNode(value);
    // Dates and versions stay strings for every YAML reader (see the atom on unquoted versions).
    visit(node, {
      Scalar(_, scalar) {
        if (typeof scalar.value === 'string' && QUOTED.test(scalar.value)) scalar.type = 'QUOTE_DOUBLE';
      },
    });
    if (isScalar(node) && typeof node.value === 'string' && QUOTED.test(node.value)) node.type = 'QUOTE_DOUBLE';
    // A list keeps the style it was written in; new tags are a flow list, as `atomkit new` writes them.
    const old = doc.get(key, true);
    if (isCollection(node)) node.flow = isCollection(old) ? Boolean(old.flow) : key === 'tags';
    doc.set(key, node);
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
