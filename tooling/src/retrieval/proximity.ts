/**
 * Term proximity: how close together a unit holds the question's words. BM25 counts words as a
 * bag, so a section that says "response" in one paragraph and "sent" in another ties with one
 * that says "the response has been sent". Words a few apart are read as the phrase the question
 * says, and each such pair counts as much as the rarer of its two words.
 */

/** Two words at most this many words apart are read as one phrase. */
export const PROXIMITY_WINDOW = 6;

/** A question's word as proximity reads it: the forms it may take in a unit, and how telling it is. */
export interface ProximityWord<T = string> {
  readonly forms: readonly T[];
  /** Its inverse document frequency: a rare word's phrase says more than a common one's. */
  readonly weight: number;
}

/**
 * The share of the question's word pairs that stand close together in the unit's terms, each pair
 * weighted by its rarer word and divided by how far apart it stands (adjacent counts whole, six
 * apart a sixth). 1 when every pair of the question's words is adjacent somewhere; 0 with fewer
 * than two words, or none near another. Terms may be strings or numbers standing for them.
 *
 * @example phraseShare(['respons', 'sent', 'client'], [{ forms: ['respons'], weight: 2 }, { forms: ['sent'], weight: 2 }]) //=> 1
 * @example phraseShare(['respons', 'a', 'b', 'sent'], [{ forms: ['respons'], weight: 2 }, { forms: ['sent'], weight: 2 }]) //=> 0.3333333333333333
 */
export function phraseShare<T>(terms: ArrayLike<T>, words: readonly ProximityWord<T>[]): number {
  if (words.length < 2) return 0;
  const wordsOf = new Map<T, number[]>();
  words.forEach((word, i) => {
    for (const form of word.forms) wordsOf.set(form, [...(wordsOf.get(form) ?? []), i]);
  });
  // The nearest distance of each pair: each term looks back over the window only, however many
  // words the question has (a pasted log may have hundreds).
  const nearest = new Map<number, number>();
  for (let at = 0; at < terms.length; at++) {
    const here = wordsOf.get(terms[at]!);
    if (!here) continue;
    for (let distance = 1; distance <= PROXIMITY_WINDOW && distance <= at; distance++) {
      for (const j of wordsOf.get(terms[at - distance]!) ?? []) {
        for (const i of here) {
          if (i === j) continue;
          const pair = Math.min(i, j) * words.length + Math.max(i, j);
          if (distance < (nearest.get(pair) ?? Infinity)) nearest.set(pair, distance);
        }
      }
    }
  }
  let near = 0;
  let all = 0;
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const weight = Math.min(words[i]!.weight, words[j]!.weight);
      all += weight;
      const distance = nearest.get(i * words.length + j);
      if (distance !== undefined) near += weight / distance;
    }
  }
  return all === 0 ? 0 : near / all;
}
