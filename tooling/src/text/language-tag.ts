/**
 * Language tags (BCP 47) as atomkit compares them: by their primary subtag, in lower case, so
 * `ja-JP`, `ja` and `JA` are one language.
 */

/**
 * @example baseLanguage('ja-JP') //=> 'ja'
 */
export function baseLanguage(tag: string): string {
  return tag.toLowerCase().split('-')[0]!;
}
