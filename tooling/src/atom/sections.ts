/**
 * The body sections each atom type must have (DESIGN.md, "The atom format"). One table feeds the
 * `body/required-section` rule, `atomkit new` templates and the extractor.
 */
import type { AtomType } from './schema.js';

export interface SectionSpec {
  /** The heading `atomkit new` writes. */
  readonly heading: string;
  /** One-line prompt written under the heading in a new atom. */
  readonly prompt: string;
  /** Headings (lower case, any language) that count as this section. */
  readonly accepts: readonly string[];
  /** The section must contain a numbered list. */
  readonly numbered?: boolean;
  /** The section must contain a fenced code block (json or yaml). */
  readonly template?: boolean;
}

const spec = (
  heading: string,
  prompt: string,
  accepts: string[],
  extra: Pick<SectionSpec, 'numbered' | 'template'> = {},
): SectionSpec => ({ heading, prompt, accepts: [heading.toLowerCase(), ...accepts], ...extra });

export const REQUIRED_SECTIONS: Readonly<Record<AtomType, readonly SectionSpec[]>> = {
  error: [
    spec('What it means', 'What the error says about the state of the system.', ['meaning', 'what it means', 'description', '意味', 'エラーの意味']),
    spec('Causes', 'What usually causes it, most common first.', ['usual causes', 'common causes', 'cause', 'why it happens', '原因', '主な原因']),
    spec('How to resolve', 'What to do, in order, until it is gone.', ['resolution', 'how to fix', 'fix', 'solution', '解決方法', '対処方法', '直し方']),
  ],
  procedure: [
    spec('Prerequisites', 'Role, system state and inputs needed before step 1.', ['before you start', 'requirements', '前提条件', '準備']),
    spec('Steps', 'Numbered steps, one action each.', ['procedure', 'instructions', '手順'], { numbered: true }),
    spec('Verify', 'How to check that it worked.', ['verification', 'how to verify', 'check the result', '確認', '確認方法']),
  ],
  playbook: [
    spec('Trigger', 'The symptoms or alert that start this playbook.', ['symptoms', 'trigger and symptoms', 'when to use', 'トリガー', '症状']),
    spec('Action plan', 'Numbered actions, in order.', ['actions', 'plan', 'steps', '対応手順', 'アクションプラン'], { numbered: true }),
    spec('Escalation', 'Who to call and when, if the plan does not work.', ['escalate', 'when to escalate', 'エスカレーション']),
  ],
  'interface-input': [
    spec('Input', 'Where the input is given and what it controls.', ['the input', 'field', 'parameter', '入力']),
    spec('Accepted values', 'Types, formats, ranges and defaults.', ['format', 'values', 'accepted format', '受け付ける値', '形式']),
    spec('Example', 'A realistic example.', ['examples', '例']),
  ],
  troubleshooting: [
    spec('Symptom', 'What the user sees.', ['symptoms', '症状']),
    spec('Checks', 'What to check, in order, and what each result means.', ['diagnosis', 'check', 'what to check', '確認事項', 'チェック']),
    spec('Fix', 'How to make it work again.', ['solution', 'resolution', 'how to fix', '解決方法', '対処']),
  ],
  'config-template': [
    spec('When to use', 'The situation this template is a good start for.', ['use case', 'when to use it', '使う場面', '用途']),
    spec('Template', 'A complete fenced json or yaml block.', ['the template', 'configuration', 'テンプレート'], { template: true }),
    spec('Parameters', 'What each field means and what to change first.', ['fields', 'options', 'パラメータ', '設定項目']),
  ],
  pitfall: [
    spec('What not to do', 'The tempting mistake, concretely.', ["don't", 'do not', 'the mistake', 'mistake', 'やってはいけないこと']),
    spec('Why', 'What goes wrong when you do it.', ['why not', 'why it hurts', 'consequences', '理由', 'なぜ']),
    spec('What to do instead', 'The better way.', ['instead', 'do this instead', 'better', '代わりに', '正しいやり方']),
  ],
  faq: [],
};

/** The placeholder text `atomkit new` writes outside the sections: the summary and a FAQ pair. */
export const NEW_ATOM_PROMPTS = {
  summary: 'One line: what this atom is for and in what context it applies.',
  question: 'A question a reader would ask about this?',
  faqQuestion: 'A question a reader would ask?',
  answer: 'The short answer, in one or two sentences.',
} as const;

/** Every prompt a template writes into a body, for finding the ones left unedited. */
export const TEMPLATE_PROMPTS: readonly string[] = [
  ...new Set([...Object.values(REQUIRED_SECTIONS).flatMap((specs) => specs.map((spec) => spec.prompt)), NEW_ATOM_PROMPTS.question, NEW_ATOM_PROMPTS.faqQuestion, NEW_ATOM_PROMPTS.answer]),
];

/** Scripts a language's section headings are written in, for the languages the aliases above cover. */
const HEADING_SCRIPTS: Readonly<Record<string, RegExp>> = { ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u };

/**
 * The heading a required section has in an atom written in `language`: the first heading it
 * accepts in that language (a Japanese atom's `手順`, as the translations are written), else its own.
 *
 * @example sectionHeadingIn('procedure', 'Steps', 'ja') //=> '手順'
 * @example sectionHeadingIn('procedure', 'Steps', 'de') //=> 'Steps'
 */
export function sectionHeadingIn(type: AtomType, heading: string, language: string): string {
  const script = HEADING_SCRIPTS[language.toLowerCase().split('-')[0]!];
  const spec = REQUIRED_SECTIONS[type].find((candidate) => candidate.heading === heading);
  return (script && spec?.accepts.find((alias) => script.test(alias))) || heading;
}

/** The section heading that holds conversational Q/A pairs at the end of any atom. */
export const FAQ_HEADINGS: readonly string[] = ['faq', 'faqs', 'frequently asked questions', 'よくある質問'];

/** Normalizes a heading for matching: lower case, trimmed, trailing punctuation dropped. */
export function normalizeHeading(heading: string): string {
  return heading.normalize('NFKC').toLowerCase().trim().replace(/[\s:?.!：？。！]+$/u, '').replace(/\s+/g, ' ');
}

/** Does this heading count as the given required section? */
export function headingMatches(heading: string, section: SectionSpec): boolean {
  return section.accepts.includes(normalizeHeading(heading));
}

export function isFaqHeading(heading: string): boolean {
  return FAQ_HEADINGS.includes(normalizeHeading(heading));
}
