/**
 * The site's languages: the default language is Starlight's root locale (no path prefix), each
 * configured locale folder of `atoms/` (e.g. `ja`) is a Starlight locale under `/<locale>/`, and the
 * words the site's own pages and the sidebar use in each language.
 */
import type { AtomType } from '../../../tooling/src/atom/schema.js';
import { TYPE_LABELS } from './labels.js';

/** Names of languages in themselves, for the language picker. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  ja: '日本語',
  zh: '中文',
  ko: '한국어',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  it: 'Italiano',
};

/** A language's own name, or its tag when the site does not know it. */
export function languageName(tag: string): string {
  return LANGUAGE_NAMES[tag] ?? LANGUAGE_NAMES[tag.split('-')[0]!] ?? tag;
}

/**
 * Starlight's `locales`: the default language as root, then one locale per configured folder.
 * No locales means a single-language site (no picker).
 *
 * @example starlightLocales('en', ['ja']) //=> { root: { label: 'English', lang: 'en' }, ja: { label: '日本語', lang: 'ja' } }
 */
export function starlightLocales(defaultLanguage: string, locales: readonly string[]): Record<string, { label: string; lang: string }> | undefined {
  if (locales.length === 0) return undefined;
  return {
    root: { label: languageName(defaultLanguage), lang: defaultLanguage },
    ...Object.fromEntries(locales.map((locale) => [locale, { label: languageName(locale), lang: locale }])),
  };
}

/** The words of the site's own pages. English is complete; other languages fall back to it. */
export interface UiText {
  readonly overview: string;
  readonly search: string;
  readonly tags: string;
  readonly atomTypes: string;
  readonly recent: string;
  readonly allTags: string;
  readonly noTags: string;
  /** Marks an atom listed in a language it is not written in. */
  readonly inLanguage: (language: string) => string;
  readonly atoms: (count: number) => string;
  readonly taggedAtoms: (count: number, tag: string) => string;
  readonly byTitle: (count: number) => string;
  readonly tagTitle: (tag: string) => string;
  readonly pageOf: (title: string, page: number, pages: number) => string;
  /** Page descriptions (meta description) of the home, search and tag pages. */
  readonly homeDescription: string;
  readonly searchDescription: string;
  readonly tagDescription: (tag: string) => string;
  /** A type page with no atoms yet, and the link back to every type. */
  readonly noAtomsOfType: (type: string) => string;
  readonly allTypes: string;
  readonly types: Readonly<Record<AtomType, { readonly singular: string; readonly plural: string; readonly about: string }>>;
  /** Labels of an atom page's header facts, prerequisites and related links. */
  readonly page: {
    readonly version: string;
    readonly author: string;
    readonly created: string;
    readonly updated: string;
    readonly beforeYouStart: string;
    readonly role: string;
    readonly systemState: string;
    readonly inputs: string;
    readonly related: string;
  };
}

/** Language names in Japanese, for marking untranslated atoms. */
const JA_LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: '英語', zh: '中国語', ko: '韓国語', de: 'ドイツ語', fr: 'フランス語', es: 'スペイン語' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const JA_TYPES: UiText['types'] = {
  error: { singular: 'エラー', plural: 'エラー', about: 'エラーメッセージの意味、よくある原因、解決方法。' },
  procedure: { singular: '手順', plural: '手順', about: '作業の前提条件と番号付きの手順、うまくいったことの確かめ方。' },
  playbook: { singular: 'プレイブック', plural: 'プレイブック', about: '何かが起きたときにすること：きっかけ、対応、エスカレーション。' },
  'interface-input': { singular: '入力仕様', plural: '入力仕様', about: 'システムへの入力ひとつ：受け付ける値と形式、例つき。' },
  troubleshooting: { singular: 'トラブルシューティング', plural: 'トラブルシューティング', about: '症状から確認を経て解決まで。' },
  'config-template': { singular: '設定テンプレート', plural: '設定テンプレート', about: '出発点になる設定、使いどころ、各パラメーターの意味。' },
  pitfall: { singular: '落とし穴', plural: '落とし穴', about: 'してはいけないこと、その理由、代わりにすること。' },
  faq: { singular: 'FAQ', plural: 'FAQ', about: 'よく聞かれる質問と短い答え。' },
};

const EN: Omit<UiText, 'types'> = {
  overview: 'Overview',
  search: 'Search',
  tags: 'Tags',
  atomTypes: 'Atom types',
  recent: 'Recently updated',
  allTags: 'All tags',
  noTags: 'No tags yet.',
  inLanguage: (language) => `in ${languageName(language)}`,
  atoms: (count) => plural(count, 'atom'),
  taggedAtoms: (count, tag) => `${plural(count, 'atom')} tagged ${tag}.`,
  byTitle: (count) => `${plural(count, 'atom')}, by title.`,
  tagTitle: (tag) => `Tag: ${tag}`,
  pageOf: (title, page, pages) => `${title} (page ${page} of ${pages})`,
  homeDescription: 'What the people who run the system know, one idea per page.',
  searchDescription: 'Search every atom, narrowed by type and tag.',
  tagDescription: (tag) => `Atoms tagged ${tag}.`,
  noAtomsOfType: (type) => `No ${type.toLowerCase()} atoms yet.`,
  allTypes: 'See all types',
  page: {
    version: 'Version',
    author: 'Author',
    created: 'Created',
    updated: 'Updated',
    beforeYouStart: 'Before you start',
    role: 'Role',
    systemState: 'System state',
    inputs: 'Inputs',
    related: 'Related atoms',
  },
};

const JA: Omit<UiText, 'types'> = {
  overview: '概要',
  search: '検索',
  tags: 'タグ',
  atomTypes: 'アトムの種類',
  recent: '最近の更新',
  allTags: 'すべてのタグ',
  noTags: 'タグはまだありません。',
  inLanguage: (language) => `${JA_LANGUAGE_NAMES[language.split('-')[0]!] ?? languageName(language)}のみ`,
  atoms: (count) => `${count} 件のアトム`,
  taggedAtoms: (count, tag) => `タグ ${tag} のアトム ${count} 件。`,
  byTitle: (count) => `${count} 件のアトム（タイトル順）。`,
  tagTitle: (tag) => `タグ: ${tag}`,
  pageOf: (title, page, pages) => `${title}（${pages} ページ中 ${page} ページ目）`,
  homeDescription: 'システムを動かしている人たちの知識を、1 ページに 1 つずつ。',
  searchDescription: 'すべてのアトムを検索し、種類とタグで絞り込みます。',
  tagDescription: (tag) => `タグ ${tag} のアトム。`,
  noAtomsOfType: (type) => `${type}のアトムはまだありません。`,
  allTypes: 'すべての種類を見る',
  page: {
    version: 'バージョン',
    author: '作成者',
    created: '作成日',
    updated: '更新日',
    beforeYouStart: '始める前に',
    role: '役割',
    systemState: 'システムの状態',
    inputs: '必要なもの',
    related: '関連するアトム',
  },
};

/** The site's words for a language tag (`ja`, `ja-JP`); English for languages it has no words for. */
export function uiText(lang: string | undefined): UiText {
  return lang?.split('-')[0] === 'ja' ? { ...JA, types: JA_TYPES } : { ...EN, types: TYPE_LABELS };
}

/** Sidebar label translations (Starlight's `translations`, keyed by language tag). */
export const SIDEBAR_JA = { overview: JA.overview, search: JA.search, tags: JA.tags, atomTypes: JA.atomTypes, types: JA_TYPES } as const;

/**
 * The Starlight locale of the page being rendered (undefined for the root locale). Index pages
 * render their lists before Starlight's route data exists, so they pass their locale as a prop and
 * this reads undefined there.
 */
export function routeLocale(locals: object): string | undefined {
  try {
    // Starlight's getter throws outside its pages.
    return (locals as { starlightRoute?: { locale?: string } }).starlightRoute?.locale;
  } catch {
    return undefined;
  }
}
