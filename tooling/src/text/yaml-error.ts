/** Why and where a text is not YAML, as the `yaml` parser says it, for messages that point at the line. */
import { parseDocument, type Document } from 'yaml';
import { LineIndex, type Position } from '../atom/position.js';

/**
 * Undefined for YAML; else the parser's first reason (one line, no trailing period or position) and
 * its place. Pass the document when the caller goes on with it.
 *
 * @example yamlError('a: 1\nb: 2\na: 3\n') //=> { reason: 'Map keys must be unique', at: { line: 3, column: 1 } }
 */
export function yamlError(text: string, doc: Document = parseDocument(text, { prettyErrors: false, uniqueKeys: true })): { reason: string; at: Position } | undefined {
  const error = doc.errors[0];
  if (!error) return undefined;
  return { reason: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, ''), at: new LineIndex(text).position(error.pos[0]) };
}
