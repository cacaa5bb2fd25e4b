/**
 * Guesses the language of a question from its script: enough to answer a Japanese question in
 * Japanese and to prefer Japanese atoms for it. Full multilingual support is separate work.
 */

const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/u;
const HAN = /\p{Script=Han}/u;

/**
 * A BCP 47 primary tag: `ja` for any kana, `ko` for Hangul, `zh` for Han without kana, else `en`.
 *
 * @example detectLanguage('lint が失敗するのはなぜ？') //=> 'ja'
 * @example detectLanguage('Why does lint fail?') //=> 'en'
 */
export function detectLanguage(text: string): string {
  if (KANA.test(text)) return 'ja';
  if (HANGUL.test(text)) return 'ko';
  if (HAN.test(text)) return 'zh';
  return 'en';
}

/**
 * The name of a language, in English, for the prompt.
 *
 * @example languageName('ja') //=> 'Japanese'
 */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    // Not a well-formed tag: name it as given rather than fail an answer over it.
    return tag;
  }
}

/** Languages are compared by their primary subtag (tooling/src/text/language-tag.ts). */
export { baseLanguage } from '../../../tooling/src/text/language-tag.js';
