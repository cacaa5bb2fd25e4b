/**
 * Lines with the indentation they all share taken off: a block quoted out of a nested list keeps
 * its own structure (its first item at the level of the next, code inside a fence as indented as
 * its fence), where trimming the first line alone would break it.
 *
 * @example dedent('  * a\n    b\n  * c') //=> '* a\n  b\n* c'
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length));
  return indent > 0 && Number.isFinite(indent) ? lines.map((line) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)![0].length))).join('\n') : text;
}
