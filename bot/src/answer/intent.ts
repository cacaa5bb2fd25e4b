/**
 * What a question asks for (steps, a meaning, causes, what to check, or anything else) and which atom sections
 * answer each kind, by the headings the atom types require (`REQUIRED_SECTIONS`). Kept apart from
 * the answer's composition so the wording rules for each kind of question sit in one place.
 */
import { REQUIRED_SECTIONS, type SectionSpec } from '../../../tooling/src/atom/sections.js';

/**
 * "How do I ...?", "what do I do?" and "which command ...?" questions want the steps (or the
 * resolution) of an atom, as does a problem told without a question (see PROBLEM).
 * 直す after a verb stem (作り直す, 計算し直す) is "do again", not "fix".
 */
const HOW_TO = /\b(how (do|can|should|would|could) (i|we|you)|how to|what (do|should|can) (i|we) do|where (do|should|can) (i|we) (even )?(start|begin)|is there a way to|what('s| is) the (best |right |recommended )?way to|(which|what) command|what('s| is) the command|what (do|should|can) (i|we) (run|type)|steps?|fix|resolve|solve|get rid of)\b|手順|方法|どのコマンド|どうすれば|どうしたら|どうやって|やり方|(?<![いきぎしじちにひびぴみりえけげせぜてでねべめれ])直[しす]|解決|対処|したい|には[?？]|するには/i;
/** "What is ...?", "what does it mean?" and "what does it do?" questions want the meaning. */
const WHAT_IS = /\b(what (is|are)|what does .* (mean|do)|meaning|means)\b|とは|意味|って何|ってなに|何ですか/i;
/** A pasted diagnostic or log line: `file:line:col`, an error code, a JSON error body. */
const PASTED = /:\d+:\d+\b|\b[A-Z][A-Z0-9]*_ERR_[A-Z_]+|\bERR_[A-Z_]+|"(statusCode|code)"\s*:/;
/** Sections a "how do I" question wants: numbered steps, or the resolution of a problem. */
export const STEP_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => spec.numbered || ['How to resolve', 'Fix'].includes(spec.heading));
/** Sections a "what is" question wants: what an error means, a symptom, an input. */
export const MEANING_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['What it means', 'Symptom', 'Input'].includes(spec.heading));
/** "Why ...?" and "what goes wrong if ...?" questions want the causes or the consequences. */
const WHY = /\b(why|what (goes|can go|could go|would go) wrong|what happens (if|when)|is (that|this|it) (a problem|bad)|what'?s wrong with|does it matter)\b|なぜ|どうして|何が起き|何が問題|問題(は)?(ある|あり|ない|なし)|まずい/i;
/** A problem told, not asked about ("my transcript fails lint", "the widget is not showing"): what to do about it is wanted. */
const PROBLEM = /\b(fails?|failing|failed|broken|(does ?n[o']t|do ?n[o']t|won'?t|will not|can'?t|cannot) (work|start|build|run|load|show|appear|open|connect)|(is|are) not (working|showing|loading|appearing)|stopped working|errors? out)\b|落ちる|落ちます|失敗する|失敗します|動かない|動きません|表示されない|通らない|エラーになる/i;
/** Sections a "why" question wants: the causes of an error, why a pitfall is one. */
export const WHY_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['Causes', 'Why'].includes(spec.heading));
/** What to do about a problem: an error's resolution, a troubleshooting fix, a pitfall's better way, a playbook's plan. */
export const RESOLUTION_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['How to resolve', 'Fix', 'What to do instead', 'Action plan'].includes(spec.heading));
/**
 * Sections that say what the reader sees (the symptom, the alert, the diagnostic as printed): a
 * question that describes a problem shares most words with them, and they tell the reader nothing new.
 */
export const RESTATING_SECTIONS: readonly Pick<SectionSpec, 'accepts'>[] = [
  ...Object.values(REQUIRED_SECTIONS)
    .flat()
    .filter((spec) => ['Symptom', 'Trigger'].includes(spec.heading)),
  { accepts: ['example diagnostic', 'example diagnostics', '診断メッセージの例'] },
];

/** "How can I tell whether ...?" questions want what to check: a troubleshooting atom's checks, a procedure's verification. */
const CHECK = /\bhow (can|do|would|could|should) (i|we|you) (tell|know|check|see|verify|confirm|find out)\b|\bhow to (tell|check|verify|confirm|find out)\b|確認するには|確かめ|見分け|どうやって確認|どうすれば(わか|分か)/i;
/** Sections a "how can I tell" question wants. */
export const CHECK_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['Checks', 'Verify'].includes(spec.heading));

/** An English question opening with an auxiliary verb, at its start or after a comma or full stop ("..., is that OK?"). */
const YES_NO_EN = /(^|[.,;:!?]\s*|\b(and|so|but|also)\s+)(is|are|am|was|were|do|does|did|can|could|should|would|will|shall|may|might|must|has|have|had|isn't|aren't|don't|doesn't|can't|won't)\s+\w[^.?!]*\?*\s*$/i;
/** A Japanese question word, or "how to": a question that is not answered by yes or no. */
const WH_JA = /何|なに|なん[でだ]|なぜ|どう|どこ|どれ|どの|どんな|どちら|いつ|誰|だれ|いくつ|には[?？]?$|とは|方法|手順|やり方/;

/**
 * Is this a yes/no question? Japanese questions are, when they end in a question mark or か and
 * have no question word.
 *
 * @example asksYesOrNo('can I lint a single atom?') //=> true
 * @example asksYesOrNo('how do I rebuild the index?') //=> false
 * @example asksYesOrNo('インデックスを作り直すと全部埋め込み直しになる？') //=> true
 * @example asksYesOrNo('検索インデックスを作り直すには？') //=> false
 */
export function asksYesOrNo(question: string): boolean {
  const text = question.trim();
  if (/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text)) return /(か|[?？])$/.test(text) && !WH_JA.test(text);
  return YES_NO_EN.test(text) && !ASKS_FOR.test(text);
}

/** "Can you give me ...?" and "is there a config to start from?" ask for a thing, not for yes or no. */
const ASKS_FOR = /\b(can|could|would|will) you (please )?(give|show|tell|send|share|explain|help|point|write|list)\b|\b(is|are) there\b/i;

/** What the question asks for. */
export type Intent = 'steps' | 'meaning' | 'why' | 'check' | 'other';

/**
 * @example questionIntent('my PR check fails with frontmatter/schema, what do I do?', false) //=> 'steps'
 * @example questionIntent('what does file/bom mean', false) //=> 'meaning'
 * @example questionIntent('what goes wrong if I edit the title by hand?', false) //=> 'why'
 * @example questionIntent('how can I tell whether the index has vectors?', false) //=> 'check'
 */
export function questionIntent(question: string, pastedCode: boolean): Intent {
  if (WHAT_IS.test(question) && !/\b(how|what (do|should|can) (i|we) do)\b/i.test(question)) return 'meaning';
  if (CHECK.test(question) && !pastedCode && !PASTED.test(question)) return 'check';
  if (HOW_TO.test(question) || pastedCode || PASTED.test(question)) return 'steps';
  if (WHY.test(question)) return 'why';
  // "Does too-long fail CI?" asks whether, not what to do.
  if (PROBLEM.test(question) && !asksYesOrNo(question)) return 'steps';
  return 'other';
}
