/**
 * British spellings written the American way, before stemming, in the index and in questions
 * alike: "optimise the build" finds `optimize`, "behaviour" finds `behavior`, "catalogue" finds
 * `catalog`. The stemmer leaves them apart (optimis, optim).
 *
 * Every word of both sides goes through the same rules, so a rule only has to turn the British form
 * into the American one: a word it changes that has no American twin (promise: promize) is changed
 * alike everywhere and still matches itself.
 */

const RULES: readonly (readonly [RegExp, string])[] = [
  // organise, optimisation, initialiser
  [/^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations)$/, '$1iz$2'],
  // analyse, paralysed
  [/^([a-z]{2,})ys(e|es|ed|ing|er|ers)$/, '$1yz$2'],
  // behaviour, colourful, favourite
  [/^([a-z]{3,})our(s|ed|ing|ful|ite|ites|able|less)?$/, '$1or$2'],
  // centre, metres, fibre
  [/^([a-z]{2,}[bt])re(s)?$/, '$1er$2'],
  // catalogue, dialogues
  [/^([a-z]{3,})ogue(s)?$/, '$1og$2'],
  // cancelled, modelling, labeller (not spelled, dwelling, shelled: spell, dwell and shell end in -ell)
  [/^([a-z]{2,})(?<!sp|dw|sw|sh|sm|qu|kn)ell(ed|ing|er|ers)$/, '$1el$2'],
  [/^(licen|defen|offen|preten)ce(s|d)?$/, '$1se$2'],
  [/^programme(s|d)?$/, 'program$1'],
  [/^grey$/, 'gray'],
];

/**
 * A lower-case Latin word in American spelling.
 *
 * @example americanSpelling('optimise') //=> 'optimize'
 * @example americanSpelling('behaviour') //=> 'behavior'
 * @example americanSpelling('cancelled') //=> 'canceled'
 * @example americanSpelling('four') //=> 'four'
 */
export function americanSpelling(word: string): string {
  for (const [pattern, replacement] of RULES) if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}
