/**
 * The few fixed sentences the service writes itself, per answer language (English otherwise).
 */
import { escapeInline } from './markdown.js';

export interface Phrases {
  /** The last line of an extractive answer. */
  readonly extractiveNote: string;
  /** Introduces a quoted section: `From **Title** › Section [1]:`. */
  readonly quoteIntro: (title: string, section: string | undefined, marker: string) => string;
  readonly moreIntro: (title: string, section: string | undefined, marker: string) => string;
  readonly seeAlso: string;
  /** Without a `suggestUrl` (none configured) the answer offers no link. */
  readonly notCovered: (contact: string, suggestUrl: string | undefined) => string;
  /** Said first when the quoted atoms are in another language than the answer. */
  readonly otherLanguageNote: (sourceLanguage: string) => string;
}

/**
 * Where a quote is from, `**Title** › Section`, both plain text written safe for Markdown.
 *
 * @example place('pnpm add <pkg>', 'Options') //=> '**pnpm add \\<pkg\\>** › Options'
 */
export function place(title: string, section: string | undefined): string {
  return `**${escapeInline(title)}**${section ? ` › ${escapeInline(section)}` : ''}`;
}

const en: Phrases = {
  extractiveNote: '_Quoted from the atoms; no language model was used._',
  quoteIntro: (title, section, marker) => `From ${place(title, section)} ${marker}:`,
  moreIntro: (title, section, marker) => `More in ${place(title, section)} ${marker}:`,
  seeAlso: 'See also:',
  notCovered: (contact, suggestUrl) =>
    `The atoms do not cover this question yet, so I will not guess.\n\n` +
    `Please ask ${contact}.${suggestUrl ? ` You can also [suggest an atom](${suggestUrl}) so that the next person finds the answer here.` : ''}`,
  otherLanguageNote: (sourceLanguage) => `_No atom in English answers this yet; the quotes below are in ${sourceLanguage === 'ja' ? 'Japanese' : sourceLanguage}._`,
};

const ja: Phrases = {
  extractiveNote: '_アトムからの引用です（言語モデルは使用していません）。_',
  quoteIntro: (title, section, marker) => `${place(title, section)} より ${marker}:`,
  moreIntro: (title, section, marker) => `詳しくは ${place(title, section)} ${marker}:`,
  seeAlso: '関連:',
  notCovered: (contact, suggestUrl) =>
    `この質問に答えるアトムはまだありません。推測では答えません。\n\n` +
    `${contact} にお問い合わせください。${suggestUrl ? `[アトムを提案する](${suggestUrl}) と、次の人がここで答えを見つけられます。` : ''}`,
  otherLanguageNote: (sourceLanguage) => `_日本語のアトムはまだないため、${sourceLanguage === 'en' ? '英語' : sourceLanguage}のアトムから引用しています。_`,
};

/** @example phrasesFor('ja-JP').seeAlso //=> '関連:' */
export function phrasesFor(language: string): Phrases {
  return language.split('-')[0] === 'ja' ? ja : en;
}
