/**
 * Edits an atom's YAML header through the `yaml` document model, so comments, key order,
 * quoting and flow/block style of everything not edited stay as they were. The body is never
 * touched. A BOM and CRLF line endings are kept.
 */
import { parseDocument, type Document } from 'yaml';
import { parseAtomText } from '../atom/parse.js';

export interface HeaderEditResult {
  readonly text: string;
  readonly changed: boolean;
}

export class HeaderEditError extends Error {
  override name = 'HeaderEditError';
}

// Keep lines unfolded and flow lists unpadded, as authors write them.
const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

// A top-level key at column 0 (not a comment, not a `- ` sequence item).
const TOP_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#\-][^:#]*?)[ \t]*:(?:[ \t]|\n|$)/;

/**
 * Keeps the original source of every top-level field whose value did not change, and takes
 * the re-serialized lines only for the fields that did: `yaml` normalizes some spellings when it
 * prints (folded scalars, comment spacing), and a bulk change must not touch those.
 */
function mergeBlocks(original: string, printed: string, before: Record<string, unknown>, after: Record<string, unknown>): string {
  const old = splitBlocks(original);
  const next = splitBlocks(printed);
  let out = old.preamble;
  for (const [key, block] of next.blocks) {
    const unchanged = old.blocks.has(key) && JSON.stringify(before[key]) === JSON.stringify(after[key]);
    out += unchanged ? old.blocks.get(key)! : block;
  }
  return out.endsWith('\n') || out === '' ? out : `${out}\n`;
}

function splitBlocks(yaml: string): { preamble: string; blocks: Map<string, string> } {
  const blocks = new Map<string, string>();
  let preamble = '';
  let key: string | undefined;
  for (const line of yaml.split(/(?<=\n)/)) {
    const match = TOP_KEY.exec(line);
    if (match) {
      key = unquote(match[1]!);
      blocks.set(key, line);
    } else if (key === undefined) preamble += line;
    else blocks.set(key, blocks.get(key)! + line);
  }
  return { preamble, blocks };
}

function unquote(key: string): string {
  if (key.startsWith('"')) return JSON.parse(key) as string;
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/**
 * Applies `edit` to the header document of `text`.
 *
 * @example editHeader('---\ntitle: A # x\n---\nBody', (doc) => doc.set('title', 'B')).text
 * //=> '---\ntitle: B # x\n---\nBody'
 */
export function editHeader(text: string, edit: (doc: Document) => void): HeaderEditResult {
  const parsed = parseAtomText(text);
  const header = parsed.frontmatter;
  if (!header) throw new HeaderEditError('the file has no YAML header');
  const doc = parseDocument(header.yaml, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new HeaderEditError(`the header is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  const before = JSON.stringify(doc.toJS());
  edit(doc);
  if (JSON.stringify(doc.toJS()) === before) return { text, changed: false };
  const yaml = mergeBlocks(header.yaml, doc.toString(TO_STRING), parseDocument(header.yaml).toJS() as Record<string, unknown>, doc.toJS() as Record<string, unknown>);
  const normalized = parsed.text.slice(0, header.yamlOffset) + yaml + parsed.text.slice(header.yamlOffset + header.yaml.length);
  const withEol = parsed.crlf ? normalized.replace(/\n/g, '\r\n') : normalized;
  return { text: parsed.bom ? `\uFEFF${withEol}` : withEol, changed: true };
}
