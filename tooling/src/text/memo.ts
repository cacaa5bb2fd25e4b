/**
 * A function of a string remembered by its argument, for work done again and again on the same
 * few thousand words or texts (stemming, splitting a section into terms). The memory starts again
 * once it holds `max` entries: a pasted log of random ids must not make it grow for ever.
 *
 * @example const stem = memoized((word) => word.replace(/s$/, ''), 1000); stem('atoms') //=> 'atom'
 */
export function memoized<T>(compute: (key: string) => T, max: number): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = compute(key);
      if (seen.size >= max) seen.clear();
      seen.set(key, value);
    }
    return value;
  };
}
