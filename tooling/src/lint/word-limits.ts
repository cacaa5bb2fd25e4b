/**
 * The word limits of an atom: those of its language in `lint.languages`, else `lint.minWords` and
 * `lint.maxWords`. Languages differ in how many words the same text counts as.
 */
import type { Atom } from '../atom/load.js';
import { atomLanguage } from './atom-facts.js';
import type { RuleSettings, WordLimits } from './types.js';

export interface AtomWordLimits extends WordLimits {
  /** The `lint.languages` key the limits come from, when they are a language's. */
  readonly language?: string;
}

/**
 * @example wordLimits(jaAtom, settings) //=> { minWords: 540, maxWords: 1080, language: 'ja' }
 */
export function wordLimits(atom: Atom, settings: RuleSettings): AtomWordLimits {
  const language = atomLanguage(atom, settings.defaultLanguage).toLowerCase();
  // The whole tag first (`pt-br`), then its primary language (`pt`).
  for (const tag of [language, language.split('-')[0]!]) {
    const key = Object.keys(settings.languages).find((k) => k.toLowerCase() === tag);
    if (key) return { ...settings.languages[key]!, language: key };
  }
  return { minWords: settings.minWords, maxWords: settings.maxWords };
}

/** How a size message names the limit it applies, e.g. ` (\`lint.languages.ja.maxWords\`)`. */
export function limitSource(limits: AtomWordLimits, key: keyof WordLimits): string {
  return limits.language === undefined ? '' : ` (\`lint.languages.${limits.language}.${key}\`)`;
}
