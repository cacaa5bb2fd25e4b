/** Source positions: 1-based line and column, as editors and GitHub annotations count them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end?: Position;
}

/** Start of a file, for problems that concern the whole file. */
export const FILE_START: Range = { start: { line: 1, column: 1 } };

/**
 * Maps offsets in a text to line/column positions (binary search over line starts).
 *
 * @example new LineIndex('a\nbc').position(3) //=> { line: 2, column: 2 }
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.#starts[lo] ?? 0) + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.#starts[line - 1] ?? this.#starts.at(-1) ?? 0;
  }

  get lineCount(): number {
    return this.#starts.length;
  }
}
