/**
 * Which lines of Markdown are fenced code, read line by line: for transforms and readers that
 * must leave code as written or read only prose, in one pass whatever the fences hold.
 */

const FENCE = /^ *(`{3,}|~{3,})/;

/**
 * A reader of lines in order that says which belong to fenced code (the fence lines too).
 *
 * @example const code = fencedCode(); ['```', '!!! x', '```', '!!! y'].map(code) //=> [true, true, true, false]
 */
export function fencedCode(): (line: string) => boolean {
  let fence: string | undefined;
  return (line) => {
    const marker = FENCE.exec(line);
    if (fence !== undefined) {
      if (marker && marker[1]!.startsWith(fence)) fence = undefined;
      return true;
    }
    if (marker) fence = marker[1];
    return marker !== null;
  };
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
  let fence: string | undefined;
  let indent = '';
  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line);
    if (fence !== undefined) {
      if (marker && marker[1]!.startsWith(fence)) fence = undefined;
    } else if (marker) {
      fence = marker[1];
      // Indented as it opened: under a list item, the block belongs to the item.
      indent = marker[0].slice(0, -fence!.length);
    }
  }
  return fence === undefined ? markdown : `${markdown.replace(/\n*$/, '')}\n${indent}${fence}`;
}
