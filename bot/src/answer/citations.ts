/**
 * Citations: retrieved units are numbered sources, answers refer to them with `[n]` markers, and
 * a marker that names no retrieved unit is dropped, while streaming too, so a reader never sees
 * an invented citation.
 */
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import { snippet } from '../../../tooling/src/text/snippet.js';
import type { Citation } from '../contract.js';

/** A retrieved unit with the number answers cite it by. */
export interface Source {
  readonly n: number;
  readonly hit: SearchHit;
}


/**
 * A citation for a source: the atom title, the section deep link, and the first words of the unit
 * as plain text.
 */
export function citationFor(source: Source): Citation {
  const { hit } = source;
  return {
    n: source.n,
    title: hit.title,
    url: hit.url,
    section: hit.kind === 'faq' ? (hit.question ?? hit.section ?? null) : (hit.section ?? null),
    snippet: snippet(hit.kind === 'faq' && hit.answer ? hit.answer : hit.text),
    atomId: hit.atomId,
  };
}

/**
 * `[3]`, `[1, 2]`, `[1][2]` (each bracket separately): numbers in one bracket, not right after a
 * word character (`arr[1]` is code, not a citation).
 */
const MARKER = /(\s*)(?<![\w$])\[([1-9]\d{0,2}(?:\s*,\s*[1-9]\d{0,2})*)\]/g;
/** Trailing space and the start of a marker: the next chunk decides what they are. */
const HELD_BACK = /\s*(?:\[[\d,\s]{0,15})?$/;

/**
 * Filters `[n]` markers in a stream of text: valid numbers are kept (a list is rewritten as
 * `[1][2]`), others are removed with the space before them. Text that could be the start of a
 * marker is held back until the next chunk decides it.
 *
 * @example
 * const f = new MarkerFilter(2); f.push('Run it [1') + f.push('][7].') + f.flush() //=> 'Run it [1].'
 */
export class MarkerFilter {
  #pending = '';
  /** The last character emitted, the context a marker at the start of the next chunk needs. */
  #last = '';
  readonly #used: number[] = [];

  constructor(readonly sourceCount: number) {}

  /** Numbers cited so far, in order of first use. */
  get used(): readonly number[] {
    return this.#used;
  }

  push(text: string): string {
    this.#pending += text;
    const cut = HELD_BACK.exec(this.#pending)?.index ?? this.#pending.length;
    const ready = this.#pending.slice(0, cut);
    this.#pending = this.#pending.slice(cut);
    return this.#rewrite(ready);
  }

  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    return this.#rewrite(rest);
  }

  #rewrite(text: string): string {
    if (text === '') return '';
    const rewritten = (this.#last + text)
      .replace(MARKER, (_match, space: string, list: string) => {
        const valid = list
          .split(',')
          .map((part) => Number(part.trim()))
          .filter((n) => n <= this.sourceCount);
        if (valid.length === 0) return '';
        for (const n of valid) if (!this.#used.includes(n)) this.#used.push(n);
        return `${space}${valid.map((n) => `[${n}]`).join('')}`;
      })
      .slice(this.#last.length);
    this.#last = text.at(-1) ?? this.#last;
    return rewritten;
  }
}

/**
 * The whole-text form of MarkerFilter: the cleaned answer and the citations it uses.
 *
 * @example checkCitations('Yes [1][9].', sources).text //=> 'Yes [1].'
 */
export function checkCitations(text: string, sources: readonly Source[]): { text: string; citations: Citation[] } {
  const filter = new MarkerFilter(sources.length);
  const cleaned = filter.push(text) + filter.flush();
  return { text: cleaned, citations: citationsFor(filter.used, sources) };
}

/** Citations for the given numbers, in that order. */
export function citationsFor(numbers: readonly number[], sources: readonly Source[]): Citation[] {
  return numbers.flatMap((n) => {
    const source = sources.find((s) => s.n === n);
    return source ? [citationFor(source)] : [];
  });
}
