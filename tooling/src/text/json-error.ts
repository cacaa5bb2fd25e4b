/** Why and where a text is not JSON, as Node's parser says it, for messages that point at the line. */
import { LineIndex, type Position } from '../atom/position.js';

/**
 * Undefined for JSON; else the parser's reason and its place (the end of the text when the parser
 * names none: "Unexpected end of JSON input").
 *
 * @example jsonError('{\n  "a": 1,\n}') //=> { reason: 'Expected double-quoted property name', at: { line: 3, column: 1 } }
 */
export function jsonError(text: string): { reason: string; at: Position } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const offset = / in JSON at position (\d+)/.exec(message)?.[1];
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    return { reason, at: new LineIndex(text).position(offset === undefined ? text.length : Math.min(Number(offset), text.length)) };
  }
}
