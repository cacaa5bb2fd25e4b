/**
 * Reference links whose label holds brackets (`` [`pool.close([callback])`]: Pool.md#poolclose ``),
 * as API references write a method's optional arguments. marked, which docsify and other tools
 * render with, reads them as links; CommonMark does not (a label may not hold unescaped brackets),
 * so an import would show `` [`pool.close([callback])`][] `` as written and the definitions as a
 * paragraph of text, taking any definition after them into that paragraph too. Each such reference
 * is written as an inline link, whose text may hold balanced brackets, and its definition dropped.
 */
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { fencedCode } from '../../text/fences.js';

/**
 * The page with its bracketed-label references inline and their definitions gone; as it was when
 * it has none. Fenced code is left as written.
 *
 * @example bracketedLabels('Implements [`close([cb])`][].\n\n[`close([cb])`]: Client.md#close') //=> 'Implements [`close([cb])`](Client.md#close).\n'
 */
export function bracketedLabels(markdown: string): string {
  const lines = markdown.split('\n');
  const code = lines.map(fencedCode());
  const destinations = new Map<string, string>();
  const isDefinition = lines.map((line, i) => {
    const found = code[i] ? undefined : bracketedDefinition(line);
    // The first definition of a label wins, as in CommonMark.
    if (found && !destinations.has(found.label)) destinations.set(found.label, found.destination);
    return found !== undefined;
  });
  if (destinations.size === 0) return markdown;
  return lines
    .flatMap((line, i) => (isDefinition[i] ? [] : [code[i] ? line : inlined(line, destinations)]))
    .join('\n');
}

/** CommonMark's longest link label, in characters between the brackets: a longer bracket is no reference. */
const MAX_LABEL = 999;

/** A definition line (up to three spaces in) whose label holds brackets: its label key and its destination and title as written. */
function bracketedDefinition(line: string): { label: string; destination: string } | undefined {
  const open = /^ {0,3}\[/.exec(line);
  if (!open) return undefined;
  const close = closers(line).get(open[0].length - 1);
  if (close === undefined || close - open[0].length > MAX_LABEL) return undefined;
  const label = line.slice(open[0].length, close);
  // A label without brackets is one CommonMark reads itself.
  if (!/[[\]]/.test(label)) return undefined;
  const rest = /^\]:[ \t]*(\S+(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?)[ \t]*$/.exec(line.slice(close));
  return rest ? { label: normalizeIdentifier(label), destination: rest[1]! } : undefined;
}

/**
 * Each `[` of the text with the `]` that closes it, in one pass (escaped brackets skipped): a line
 * of many brackets is read once, not once per bracket.
 */
function closers(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '[') open.push(i);
    else if (char === ']' && open.length > 0) pairs.set(open.pop()!, i);
  }
  return pairs;
}

/** The line with each full, collapsed or shortcut reference to a known bracketed label written inline. */
function inlined(line: string, destinations: ReadonlyMap<string, string>): string {
  let out = '';
  let from = 0;
  const pairs = closers(line);
  for (let i = line.indexOf('['); i !== -1 && i < line.length; i = line.indexOf('[', i + 1)) {
    if (i < from || line[i - 1] === '\\') continue;
    const close = pairs.get(i);
    if (close === undefined || close - i - 1 > MAX_LABEL) continue;
    const text = line.slice(i + 1, close);
    let label = text;
    let end = close + 1;
    const next = line[end];
    // An inline link, or a definition CommonMark reads: not ours.
    if (next === '(' || next === ':') continue;
    if (next === '[') {
      const labelClose = pairs.get(end);
      if (labelClose === undefined || labelClose - end - 1 > MAX_LABEL) continue;
      if (labelClose > end + 1) label = line.slice(end + 1, labelClose);
      end = labelClose + 1;
    }
    const destination = destinations.get(normalizeIdentifier(label));
    if (destination === undefined) continue;
    out += `${line.slice(from, i)}[${text}](${destination})`;
    from = end;
    i = end - 1;
  }
  return out + line.slice(from);
}
