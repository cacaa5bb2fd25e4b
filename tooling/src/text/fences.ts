/**
 * Which lines of Markdown are fenced code, read line by line: for transforms and readers that
 * must leave code as written or read only prose, in one pass whatever the fences hold.
 */

const FENCE = /^ *(`{3,}|~{3,})/;

/** Reads lines in order: whether each belongs to fenced code, and the fence still open. */
function fenceReader(): { code(line: string): boolean; open(): { fence: string; indent: string } | undefined } {
  let open: { fence: string; indent: string } | undefined;
  return {
    code(line) {
      const marker = FENCE.exec(line);
      if (open !== undefined) {
        if (marker && marker[1]!.startsWith(open.fence)) open = undefined;
        return true;
      }
      if (marker) open = { fence: marker[1]!, indent: marker[0].slice(0, -marker[1]!.length) };
      return marker !== null;
    },
    open: () => open,
  };
}

/**
 * A reader of lines in order that says which belong to fenced code (the fence lines too).
 *
 * @example const code = fencedCode(); ['```', '!!! x', '```', '!!! y'].map(code) //=> [true, true, true, false]
 */
export function fencedCode(): (line: string) => boolean {
  const reader = fenceReader();
  return (line) => reader.code(line);
}

/**
 * The numbers of the lines of Markdown outside code blocks (fence lines excluded).
 *
 * @example proseLines(['a', '```', 'code', '```', 'b']) //=> [0, 4]
 */
export function proseLines(lines: readonly string[]): number[] {
  const code = fencedCode();
  return lines.flatMap((line, i) => (code(line) ? [] : [i]));
}

/**
 * The Markdown with a code block it leaves open closed by the fence that opened it: quoted on its
 * own, a section whose code runs to the end of its page would turn all that follows into code.
 *
 * @example closeOpenFence('Run:\n\n```sh\nnpx atomkit lint') //=> 'Run:\n\n```sh\nnpx atomkit lint\n```'
 * @example closeOpenFence('```sh\nls\n```') //=> '```sh\nls\n```'
 */
export function closeOpenFence(markdown: string): string {
  const reader = fenceReader();
  for (const line of markdown.split('\n')) reader.code(line);
  const open = reader.open();
  // Indented as it opened: under a list item, the block belongs to the item.
  return open === undefined ? markdown : `${markdown.replace(/\n*$/, '')}\n${open.indent}${open.fence}`;
}
