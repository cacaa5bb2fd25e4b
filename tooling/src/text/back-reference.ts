/**
 * A line that introduces what follows by what came before it ("This will output:", "The above
 * prints:"): it belongs with the block before it, so an answer quoting it quotes that block too,
 * and an imported page's example does not start at it.
 */
const BACK_REFERENCE = /^(?:this|that|it|the (?:above|previous|code above|example above))\b[^\n.]*:$/i;

/**
 * @example refersBack('This will output:') //=> true
 * @example refersBack('For instance, setting the censor:') //=> false
 */
export function refersBack(text: string): boolean {
  return BACK_REFERENCE.test(text.trim());
}
