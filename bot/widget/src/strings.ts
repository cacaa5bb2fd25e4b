/**
 * The widget's user-interface strings, one table per supported language. Answers come from the
 * service in whatever language it answers in; only the chrome around them is translated here.
 */

export const STRINGS = {
  en: {
    launcher: 'Ask the docs',
    launcherLabel: 'Open the documentation assistant',
    title: 'Ask the docs',
    subtitle: 'Answers from the atoms, with their sources.',
    close: 'Close the assistant',
    clear: 'New conversation',
    clearLabel: 'Clear this conversation and start a new one',
    inputLabel: 'Your question',
    placeholder: 'Ask a question about the docs…',
    send: 'Send',
    empty: 'Ask anything the knowledge atoms cover. Every answer links to the pages it used.',
    you: 'You',
    assistant: 'Assistant',
    thinking: 'Thinking…',
    sources: 'Sources',
    degraded: 'The language model did not answer, so this is quoted from the atoms.',
    notAnswered: 'This is not in the atoms yet.',
    contact: 'Ask {contact}.',
    suggest: 'Suggest an atom',
    unreachable: 'The assistant cannot be reached. Check your connection and try again.',
    rateLimited: 'Too many questions at once. You can ask again in {seconds} s.',
    rateLimitedReady: 'You can ask again now.',
    failed: 'The question could not be answered: {message}',
    retry: 'Try again',
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    feedbackPrompt: 'What was missing or wrong? (optional)',
    feedbackSend: 'Send feedback',
    feedbackSkip: 'Skip',
    feedbackThanks: 'Thanks for the feedback.',
    feedbackFailed: 'The feedback could not be sent.',
    restoreFailed: 'The previous conversation could not be loaded.',
  },
  ja: {
    launcher: 'ドキュメントに質問',
    launcherLabel: 'ドキュメントアシスタントを開く',
    title: 'ドキュメントに質問',
    subtitle: 'アトムに基づく回答と参照ページ',
    close: 'アシスタントを閉じる',
    clear: '新しい会話',
    clearLabel: 'この会話を消去して新しく始める',
    inputLabel: '質問',
    placeholder: 'ドキュメントについて質問してください…',
    send: '送信',
    empty: 'ナレッジアトムに書かれていることなら何でも質問できます。回答には必ず参照したページへのリンクが付きます。',
    you: 'あなた',
    assistant: 'アシスタント',
    thinking: '考えています…',
    sources: '参照ページ',
    degraded: '言語モデルが応答しなかったため、アトムから引用しています。',
    notAnswered: 'この内容はまだアトムにありません。',
    contact: '{contact} にお問い合わせください。',
    suggest: 'アトムを提案する',
    unreachable: 'アシスタントに接続できません。接続を確認してもう一度お試しください。',
    rateLimited: '質問が多すぎます。{seconds} 秒後にもう一度お試しください。',
    rateLimitedReady: 'もう一度質問できます。',
    failed: '質問に回答できませんでした: {message}',
    retry: '再試行',
    helpful: '役に立った',
    notHelpful: '役に立たなかった',
    feedbackPrompt: '足りない点や誤りを教えてください(任意)',
    feedbackSend: 'フィードバックを送信',
    feedbackSkip: 'スキップ',
    feedbackThanks: 'フィードバックをありがとうございます。',
    feedbackFailed: 'フィードバックを送信できませんでした。',
    restoreFailed: '前の会話を読み込めませんでした。',
  },
} as const satisfies Record<string, Record<string, string>>;

export type Locale = keyof typeof STRINGS;
export type StringKey = keyof (typeof STRINGS)['en'];

/**
 * The supported locale for a BCP 47 tag: its primary subtag when we have strings for it, else `en`.
 *
 * @example pickLocale('ja-JP') //=> 'ja'
 * @example pickLocale('fr') //=> 'en'
 */
export function pickLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0];
  return primary !== undefined && Object.hasOwn(STRINGS, primary) ? (primary as Locale) : 'en';
}

/**
 * A UI string with its `{name}` placeholders filled in.
 *
 * @example t('en', 'rateLimited', { seconds: 30 }) //=> 'Too many questions at once. You can ask again in 30 s.'
 */
export function t(locale: Locale, key: StringKey, data: Readonly<Record<string, string | number>> = {}): string {
  const template: string = STRINGS[locale][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : match));
}
