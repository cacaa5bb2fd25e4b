/**
 * The extractor that needs no model: it reads the shape of the conversation.
 * - an interviewer question and the answer after it become a FAQ pair; pairs are grouped by the
 *   transcript's `##` section (its topic) into one faq draft per section;
 * - an answer holding a numbered list becomes a procedure draft titled from the question;
 * - an error code (`ATOMKIT_ERR_*`, a lint code like `frontmatter/schema`, `ENOENT`, `SQLITE_BUSY`)
 *   explained by the interviewee becomes an error draft, its log snippets kept.
 * Each draft cites the turns it came from, so the reviewer can check it against the passage.
 */
import type { List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { AtomHeader } from '../../atom/schema.js';
import type { AtomDraft, DraftSection } from '../draft.js';
import type { InterviewTurn, ParsedInterview } from '../interview/parse.js';
import type { InterviewHeader } from '../interview/schema.js';
import { capitalize, clampTitle, sentences, summarize, toTag } from '../text.js';

export interface ExtractContext {
  /** Project-relative path of the transcript, used in `sources` refs. */
  readonly ref: string;
  readonly today: string;
  /** The transcript text the turns' positions point into. */
  readonly text: string;
}

interface Exchange {
  readonly question: InterviewTurn;
  readonly answers: readonly InterviewTurn[];
}

const MAX_FAQ_WORDS = 700;
const ERROR_CODE = /\b(ATOMKIT_ERR_[A-Z0-9_]+|SQLITE_[A-Z]+|E(?:ADDRINUSE|NOENT|ACCES|CONNREFUSED|TIMEDOUT|PERM|MFILE|NOSPC))\b|`([a-z][a-z0-9-]*\/[a-z][a-z0-9-]*)`/g;
const VERIFY = /\b(verify|check that|confirm|you should see|you'll see|you will see|make sure|to be sure|look for)\b/i;
const PREREQUISITE = /\b(you need|you'll need|need to have|before you|requires?|must have|access to|as root|permission)\b/i;
const CAUSE = /\b(because|caused by|cause|usually|happens when|happens if|when (?:the|a|someone|you)|if (?:the|a|someone|you)|means)\b/i;
const RESOLVE = /\b(fix|resolve|run|restart|delete|remove|set|raise|increase|lower|rebuild|re-run|rerun|change|add|wait|retry|free|stop)\b/i;

/** Proposes drafts from a parsed, valid transcript. */
export function extractDeterministic(interview: ParsedInterview, header: InterviewHeader, context: ExtractContext): AtomDraft[] {
  const exchanges = toExchanges(interview.turns);
  const procedures = exchanges.flatMap((exchange) => procedureDraft(exchange, header, context) ?? []);
  const errors = errorDrafts(interview.turns, header, context);
  const faqs = faqDrafts(exchanges, header, context);
  // Drafts from one section of the interview relate to each other.
  const bySection = new Map<string, string[]>();
  for (const { section, draft } of [...procedures, ...errors, ...faqs]) {
    const titles = bySection.get(section) ?? [];
    titles.push(draft.header.title);
    bySection.set(section, titles);
  }
  return [...procedures, ...errors, ...faqs].map(({ section, draft }) => ({
    ...draft,
    header: { ...draft.header, related: (bySection.get(section) ?? []).filter((title) => title !== draft.header.title).slice(0, 8) },
  }));
}

function toExchanges(turns: readonly InterviewTurn[]): Exchange[] {
  const exchanges: Exchange[] = [];
  let current: { question: InterviewTurn; answers: InterviewTurn[] } | undefined;
  for (const turn of turns) {
    if (turn.role === 'interviewer') {
      if (current && current.answers.length > 0) exchanges.push(current);
      current = { question: turn, answers: [] };
    } else if (current && (turn.role === 'interviewee' || turn.role === 'other')) current.answers.push(turn);
  }
  if (current && current.answers.length > 0) exchanges.push(current);
  return exchanges;
}

function baseHeader(type: AtomHeader['type'], title: string, summary: string, header: InterviewHeader, context: ExtractContext, tagText: string, anchors: readonly (string | undefined)[]): AtomHeader {
  const sources = [...new Set(anchors.filter((anchor): anchor is string => anchor !== undefined))].map((anchor) => ({ ref: `${context.ref}#${anchor}` }));
  return {
    title: clampTitle(title),
    summary,
    type,
    status: 'draft',
    author: header.interviewer,
    created: context.today,
    version: '0.1.0',
    tags: tagsFor(tagText, header),
    related: [],
    sources: sources.length > 0 ? sources : [{ ref: context.ref }],
  };
}

/** The transcript topics this text is about (all words of the topic appear), else the first topic. */
function tagsFor(text: string, header: InterviewHeader): string[] {
  const lower = text.toLowerCase();
  const tags = header.topics.filter((topic) => topic.split('-').every((word) => lower.includes(word.replace(/s$/, ''))));
  const valid = (tags.length > 0 ? tags : header.topics.slice(0, 1)).map((tag) => toTag(tag)).filter((tag): tag is string => tag !== undefined);
  return [...new Set(valid)].slice(0, 8);
}

/** The question the interviewer asked: the last sentence with a question mark. */
function questionOf(turn: InterviewTurn): string | undefined {
  const asked = sentences(turn.text).filter((sentence) => sentence.includes('?'));
  const last = asked.at(-1);
  if (!last) return undefined;
  return capitalize(last.replace(/^(?:so|and|ok|okay|right|well|now)[,.]?\s+/i, '').trim());
}

function faqDrafts(exchanges: readonly Exchange[], header: InterviewHeader, context: ExtractContext) {
  const groups = new Map<string, { question: string; answer: string; anchors: (string | undefined)[] }[]>();
  for (const exchange of exchanges) {
    const question = questionOf(exchange.question);
    if (!question) continue;
    const answer = shortAnswer(exchange.answers[0]!, context.text);
    if (!answer) continue;
    const section = exchange.question.section ?? 'General';
    const pairs = groups.get(section) ?? [];
    pairs.push({ question, answer, anchors: [exchange.question.anchor, exchange.answers[0]!.anchor] });
    groups.set(section, pairs);
  }
  const drafts: { section: string; draft: AtomDraft }[] = [];
  for (const [section, pairs] of groups) {
    const parts: (typeof pairs)[] = [[]];
    let words = 0;
    for (const pair of pairs) {
      const size = wordCount(pair.question) + wordCount(pair.answer);
      if (words + size > MAX_FAQ_WORDS && parts.at(-1)!.length > 0) {
        parts.push([]);
        words = 0;
      }
      parts.at(-1)!.push(pair);
      words += size;
    }
    parts.forEach((part, i) => {
      const topic = section.replace(/^\d+[.)]\s*/, '');
      const title = `${topic}: questions for the ${header.role}${parts.length > 1 ? ` (part ${i + 1})` : ''}`;
      const summary = clip(`Questions and answers about ${topic.toLowerCase()}, from an interview with ${header.interviewee} (${header.role}) about ${header.system}.`);
      const lead = part.map((pair) => `Q: ${oneLine(pair.question)}\nA: ${oneLine(pair.answer)}`).join('\n\n');
      const tagText = `${section} ${part.map((pair) => `${pair.question} ${pair.answer}`).join(' ')}`;
      drafts.push({
        section,
        draft: { header: baseHeader('faq', title, summary, header, context, tagText, part.flatMap((pair) => pair.anchors)), lead, sections: [] },
      });
    });
  }
  return drafts;
}

/** The answer's first paragraph, up to three sentences. */
/** The answer's first paragraph, up to three sentences, as Markdown (inline code kept). */
function shortAnswer(turn: InterviewTurn, text: string): string | undefined {
  const first = turn.nodes.find((node) => node.type === 'paragraph');
  if (!first) return undefined;
  const picked = sentences(markdownOf(first, text).replace(OPENING_LABEL, '')).slice(0, 3).join(' ');
  return picked.length >= 3 ? picked : undefined;
}

const HOW_TO = /^(?:(?:and |so |ok,? |okay,? )?(?:how do (?:you|i|we|people)|how would (?:you|i)|how can (?:you|i|we)|what(?:'s| is) the (?:way|procedure|process) to|walk me through how (?:you|to)|can you walk me through(?: how to)?|what are the steps to|what do you do to))\s+/i;

function procedureDraft(exchange: Exchange, header: InterviewHeader, context: ExtractContext) {
  const turnWithList = exchange.answers.find((turn) => turn.nodes.some((node) => isOrderedList(node)));
  if (!turnWithList) return undefined;
  const list = turnWithList.nodes.find((node): node is List => isOrderedList(node))!;
  if (list.children.length < 2) return undefined;
  const question = questionOf(exchange.question);
  const section = exchange.question.section ?? 'General';
  const title = procedureTitle(question, section);
  const answerText = exchange.answers.map((turn) => turn.text).join('\n\n');
  const prose = exchange.answers.flatMap((turn) => proseSentences(turn, context.text));
  const prerequisites = prose.filter((sentence) => PREREQUISITE.test(sentence));
  const verify = prose.filter((sentence) => VERIFY.test(sentence));
  const stepsSource = markdownOf(list, context.text);
  // What the answer says after the steps, besides how to verify, is kept rather than lost.
  const after = exchange.answers
    .flatMap((turn) => turn.nodes.filter((node) => node.type === 'paragraph' && (turn !== turnWithList || (node.position?.start.offset ?? 0) > (list.position?.end.offset ?? 0))))
    .flatMap((node) => sentences(markdownOf(node, context.text).replace(OPENING_LABEL, '')))
    .filter((sentence) => !verify.includes(sentence) && !prerequisites.includes(sentence));
  const sections: DraftSection[] = [
    { heading: 'Prerequisites', body: bulletList(prerequisites) ?? 'Role, system state and inputs needed before step 1.' },
    { heading: 'Steps', body: stepsSource },
    { heading: 'Verify', body: verify.join(' ') || 'How to check that it worked.' },
    ...(after.length > 0 ? [{ heading: 'Notes', body: after.join(' ') }] : []),
  ];
  const intro = turnWithList.nodes.filter((node) => node.type === 'paragraph' && (node.position?.start.offset ?? 0) < (list.position?.start.offset ?? 0));
  const lead = intro
    .flatMap((node) => sentences(markdownOf(node, context.text).replace(OPENING_LABEL, '')))
    .filter((sentence) => !prerequisites.includes(sentence) && !verify.includes(sentence))
    .join(' ');
  const summary = clip(question ? `How to ${lowerFirst(title)}, as explained by the ${header.role}.` : summarize(answerText, `A procedure from the ${header.role} interview.`));
  return {
    section,
    draft: {
      header: baseHeader('procedure', title, summary, header, context, `${title} ${answerText}`, [exchange.question.anchor, ...exchange.answers.map((turn) => turn.anchor)]),
      ...(lead.length > 0 ? { lead } : {}),
      sections,
    },
  };
}

function procedureTitle(question: string | undefined, section: string): string {
  const topic = section.replace(/^\d+[.)]\s*/, '');
  if (question) {
    const bare = question.replace(/^(?:and|so|ok|okay|now)[,]?\s+/i, '').replace(/\?+$/, '').trim();
    const stripped = bare.replace(HOW_TO, '').trim();
    // "Connecting a language model?" already names the task.
    if (stripped === bare && /^\p{L}+ing\b/u.test(bare)) return capitalize(bare);
    if (stripped !== bare && stripped.length >= 3) {
      // "Restore one" needs the topic it refers to.
      return PRONOUN.test(stripped) ? `${capitalize(stripped)} (${lowerFirst(topic)})` : capitalize(stripped);
    }
  }
  return `${topic}: steps`;
}

const PRONOUN = /^\S+\s+(it|one|them|that|this|those|these)\b/i;

function errorDrafts(turns: readonly InterviewTurn[], header: InterviewHeader, context: ExtractContext) {
  const mentions = new Map<string, InterviewTurn[]>();
  for (const turn of turns) {
    if (turn.role !== 'interviewee' && turn.role !== 'other') continue;
    for (const match of turn.markdown.matchAll(ERROR_CODE)) {
      const code = match[1] ?? match[2]!;
      const list = mentions.get(code) ?? [];
      if (!list.includes(turn)) list.push(turn);
      mentions.set(code, list);
    }
  }
  const drafts: { section: string; draft: AtomDraft }[] = [];
  for (const [code, where] of mentions) {
    const about = where.flatMap((turn) => proseSentences(turn, context.text));
    // A short follow-up question ("What do you tell them?") continues the same error.
    const followUps = where.flatMap((turn) => followUp(turns, turn)).flatMap((turn) => proseSentences(turn, context.text));
    const naming = about.filter((sentence) => sentence.includes(code));
    // An error draft needs an explanation, not a passing mention.
    const definition = naming.find((sentence) => MEANS(code).test(sentence));
    if (!definition && (naming.length === 0 || about.length < 2)) continue;
    const meaning = [definition ?? naming[0]!, ...about.filter((sentence) => sentence !== definition && sentence.includes(code) === false && /\b(means|indicates|says)\b/i.test(sentence))].slice(0, 2);
    const causes = about.filter((sentence) => CAUSE.test(sentence) && !meaning.includes(sentence));
    const fixes = [...about, ...followUps].filter((sentence) => RESOLVE.test(sentence) && !causes.includes(sentence) && !meaning.includes(sentence));
    const logs = where.flatMap((turn) => turn.nodes.filter((node) => node.type === 'code').map((node) => markdownOf(node, context.text)));
    const sections: DraftSection[] = [
      { heading: 'What it means', body: meaning.join(' ') },
      { heading: 'Causes', body: bulletList(causes.slice(0, 5)) ?? 'What usually causes it, most common first.' },
      { heading: 'How to resolve', body: numberedList(fixes.slice(0, 6)) ?? 'What to do, in order, until it is gone.' },
      ...(logs.length > 0 ? [{ heading: 'Log example', body: logs.slice(0, 2).join('\n\n') }] : []),
      // Readers paste the code: a pair in their words makes the chat assistant find the atom.
      ...(definition ? [{ heading: 'FAQ', body: `Q: What does ${code} mean?\nA: ${oneLine(definition)}` }] : []),
    ];
    const sourceTurns = [...where, ...where.flatMap((turn) => followUp(turns, turn))];
    drafts.push({
      section: where[0]!.section ?? 'General',
      draft: {
        header: {
          ...baseHeader('error', errorTitle(code, definition), clip(stripMarkup(definition ?? `The ${code} error, as the ${header.role} explained it.`)), header, context, about.join(' '), sourceTurns.map((turn) => turn.anchor)),
          error_codes: [code],
        },
        sections,
      },
    });
  }
  return drafts;
}

const MEANS = (code: string) => new RegExp(`${code.replace(/[/]/g, '\\/')}\\W*\\s+means\\b`);

/** The answer after a short follow-up question that comes right after `turn`. */
function followUp(turns: readonly InterviewTurn[], turn: InterviewTurn): InterviewTurn[] {
  const question = turns[turn.index + 1];
  const answer = turns[turn.index + 2];
  if (!question || !answer || question.role !== 'interviewer' || answer.role === 'interviewer') return [];
  if (question.section !== turn.section) return [];
  return question.text.split(/\s+/).length <= 12 ? [answer] : [];
}

/** Sentences of a turn's paragraphs, as Markdown (inline code kept), without the speaker label. */
function proseSentences(turn: InterviewTurn, text: string): string[] {
  return turn.nodes
    .filter((node) => node.type === 'paragraph')
    .flatMap((node) => sentences(markdownOf(node, text).replace(OPENING_LABEL, '')));
}

const OPENING_LABEL = /^(?:<a\s[^>]*>\s*<\/a>)?\s*\*\*[^*\n]*\*\*:?\s*/;

function stripMarkup(text: string): string {
  return text.replace(/[`*]/g, '');
}

/** `ATOMKIT_ERR_X: <what the interviewee said it means>` when they said "X means ...". */
function errorTitle(code: string, definition: string | undefined): string {
  if (!definition) return code;
  const said = /^\W*means\s+(?:that\s+)?(.+)$/i.exec(definition.slice(definition.indexOf(code) + code.length));
  if (!said) return code;
  let clause = stripMarkup(said[1]!).split(/[.;:](?=\s|$)/)[0]!.trim();
  if (clause.length > 90) {
    const comma = clause.lastIndexOf(',', 90);
    clause = comma > 20 ? clause.slice(0, comma) : `${clause.slice(0, clause.lastIndexOf(' ', 90))}…`;
  }
  return clause.length >= 8 ? `${code}: ${clause}` : code;
}

function isOrderedList(node: RootContent): node is List {
  return node.type === 'list' && node.ordered === true;
}

/** The Markdown source of a block, as written in the transcript. */
function markdownOf(node: RootContent, text: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? toString(node) : text.slice(start, end);
}

function bulletList(items: readonly string[]): string | undefined {
  return items.length > 0 ? items.map((item) => `- ${item}`).join('\n') : undefined;
}

function numberedList(items: readonly string[]): string | undefined {
  return items.length > 0 ? items.map((item, i) => `${i + 1}. ${item}`).join('\n') : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function clip(text: string): string {
  const clean = oneLine(text);
  return clean.length <= 300 ? clean : `${clean.slice(0, 297)}…`;
}
