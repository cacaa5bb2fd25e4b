/**
 * The few fixed sentences the service writes itself, per answer language (English otherwise).
 */
import { escapeInline } from './markdown.js';

/** A page linked from an answer: its title and site path. */
export interface Page {
  readonly title: string;
  readonly url: string;
}

export interface Phrases {
  /** The last line of an extractive answer. */
  readonly extractiveNote: string;
  /** Introduces a quoted section: `From **Title** › Section [1]:`. */
  readonly quoteIntro: (title: string, section: string | undefined, marker: string) => string;
  readonly moreIntro: (title: string, section: string | undefined, marker: string) => string;
  readonly seeAlso: string;
  /**
   * Without a `suggestUrl` (none configured) the answer offers no link. `closest` are the pages
   * the search came nearest with, offered as links that may not answer the question.
   */
  readonly notCovered: (contact: string, suggestUrl: string | undefined, closest: readonly Page[]) => string;
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
  notCovered: (contact, suggestUrl, closest) =>
    `The atoms do not cover this question yet, so I will not guess.\n\n` +
    (closest.length > 0 ? `The closest pages, which may not answer it: ${links(closest)}.\n\n` : '') +
    `Please ask ${contact}.${suggestUrl ? ` You can also [suggest an atom](${suggestUrl}) so that the next person finds the answer here.` : ''}`,
  otherLanguageNote: (sourceLanguage) => `_No atom in English answers this yet; the quotes below are in ${sourceLanguage === 'ja' ? 'Japanese' : sourceLanguage}._`,
};

const ja: Phrases = {
  extractiveNote: '_アトムからの引用です（言語モデルは使用していません）。_',
  quoteIntro: (title, section, marker) => `${place(title, section)} より ${marker}:`,
  moreIntro: (title, section, marker) => `詳しくは ${place(title, section)} ${marker}:`,
  seeAlso: '関連:',
  notCovered: (contact, suggestUrl, closest) =>
    `この質問に答えるアトムはまだありません。推測では答えません。\n\n` +
    (closest.length > 0 ? `近いページ（答えは載っていないかもしれません）: ${links(closest)}\n\n` : '') +
    `${contact} にお問い合わせください。${suggestUrl ? `[アトムを提案する](${suggestUrl}) と、次の人がここで答えを見つけられます。` : ''}`,
  otherLanguageNote: (sourceLanguage) => `_日本語のアトムはまだないため、${sourceLanguage === 'en' ? '英語' : sourceLanguage}のアトムから引用しています。_`,
};

/**
 * Markdown links to pages, `; `-separated, titles written safe for Markdown.
 *
 * @example links([{ title: 'Run lint', url: '/procedure/run-lint/' }]) //=> '[Run lint](/procedure/run-lint/)'
 */
function links(pages: readonly Page[]): string {
  // The site path is used as it is (it may be percent-encoded already); only what would end a Markdown link is encoded.
  return pages.map((page) => `[${escapeInline(page.title)}](${page.url.replace(/[()<>\s]/g, (c) => ({ '(': '%28', ')': '%29' })[c] ?? encodeURIComponent(c))})`).join('; ');
}

/** @example phrasesFor('ja-JP').seeAlso //=> '関連:' */
export function phrasesFor(language: string): Phrases {
  return language.split('-')[0] === 'ja' ? ja : en;
}
