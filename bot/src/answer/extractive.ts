/**
 * Extractive answers: no language model, only the atoms' own words. The answer leads with the
 * direct answer (a matching FAQ answer; for "what is X" the table row, list item or sentence that
 * defines X; for a pasted error code or error class, or a message quoted word for word, its row in
 * a table of them; the sentence that best answers the question; or before an error's resolution the
 * first sentence of what the error means), said once, then quotes the section of the answering atom
 * that fits what was asked: the steps or the resolution, from their start, for "how do I" questions
 * and pasted errors; the meaning for "what is" questions; the causes for "why" questions; otherwise
 * the best matching section (never the symptom or diagnostic the reader just described), trimmed to
 * the paragraphs, sub-headed keys or list items that concern the question, followed, for a problem,
 * by what to do about it. It cites only the atoms it quotes, plus at most two close "see also"
 * atoms that name the question.
 *
 * Length bound: at most two sections, each quoted up to about `maxWords` (220) words, steps up
 * to 2.5 times that, half after a FAQ answer; Japanese counts about 3.2 characters to a word.
 * A block is never cut inside: a code block or table is quoted whole or pointed to, a list is cut
 * only between whole items (marked `…`); trim.ts does the cutting. HTML or MDX from the atoms is left out.
 */
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import type { Citation } from '../contract.js';
import { parseFaq } from '../../../tooling/src/atom/faq.js';
import { definedName } from '../../../tooling/src/retrieval/definition.js';
import { ERROR_CODE } from '../../../tooling/src/retrieval/entry-codes.js';
import { englishFor } from '../../../tooling/src/retrieval/glossary.js';
import { sectionUrl } from '../../../tooling/src/atom/identity.js';
import { headingMatches, normalizeHeading, type SectionSpec } from '../../../tooling/src/atom/sections.js';
import { citationFor, type Source } from './citations.js';
import { openingSubHeading, plainHeading, subHeadingAnchors } from './entry-anchors.js';
import { definingEntry, definingPassage, quotedEntryName, type Definition } from './defining.js';
import { asksYesOrNo, CHECK_SECTIONS, MEANING_SECTIONS, RESOLUTION_SECTIONS, RESTATING_SECTIONS, STEP_SECTIONS, WHY_SECTIONS, questionIntent, type Intent } from './intent.js';
import { baseLanguage } from './language.js';
import { cleanMarkdown, joinParts } from './markdown.js';
import { phrasesFor, place } from './phrases.js';
import { holdsErrorOutput, questionParts } from './question-parts.js';
import { questionTerms, termHits, termsIn, wordCount } from './terms.js';
import { sentencesOf, standsAlone } from './sentences.js';
import { closeOpenFence, proseLines } from '../../../tooling/src/text/fences.js';
import { fromStart, headingsAsBold, onlyIntroduces, splitBlocks, trimToRelevant, withoutDanglingIntro, withoutLeadingNote, withoutSentence } from './trim.js';

export interface ExtractiveOptions {
  readonly language: string;
  /** Hits below this confidence are never quoted. */
  readonly minScore: number;
  /** Words quoted from one section at most (whole blocks, so a little more is possible). @default 220 */
  readonly maxWords?: number;
  /**
   * Every unit of the best atom (`Retriever.unitsOf`), so a section split into several units is
   * quoted whole, from its start, even when the search found only a later part of it.
   */
  readonly atomUnits?: readonly SearchHit[];
}

/** A section asked for as a list of steps may be quoted up to this many times `maxWords`. */
const STEPS_BUDGET = 2.5;
/** A numbered list from its first step... */
const NUMBERED_FROM_ONE = /^\s{0,3}1[.)]\s/;
/** ...within this many words of the section's start and before any sub-heading: a section of steps, not a reference page that happens to number something further down. */
const STEPS_OPENING_WORDS = 80;
/** A FAQ this close to the best hit's confidence may be the question being asked... */
const FAQ_LEAD_RATIO = 0.85;
/** ...when at least this share of the question's terms are in the FAQ's question. */
const FAQ_MATCH = 0.5;
/** ...or the search ranked it first and it shares this many of the question's terms besides its atom's title. */
const FAQ_PICK_TERMS = 2;
/** A term that names one thing: an error code, a key, a path, a version. */
const IDENTIFIER = /[_./]|\d/;
/** FAQ candidates are looked for among this many hits. */
const FAQ_WINDOW = 6;
/** A second section of the top atom is quoted when it scores at least this share of the best. */
const SECOND_SECTION_RATIO = 0.75;
/** Other atoms listed under "See also" when their confidence is at least this close. */
const SEE_ALSO_RATIO = 0.6;
/** What a problem is, said before its resolution: an error's meaning. */
const DIAGNOSIS_SECTIONS = MEANING_SECTIONS.filter((spec) => spec.heading === 'What it means');

/**
 * Composes a readable answer from hits (best first, all at or above `minScore`).
 *
 * @example composeExtractive('how to run lint', hits, { language: 'en', minScore: 0.2 }).answer
 * //=> 'From **Run lint locally** › Steps [1]:\n\n1. Install ...\n\n_Quoted from the atoms; no language model was used._'
 */
export function composeExtractive(question: string, hits: readonly SearchHit[], options: ExtractiveOptions): { answer: string; citations: Citation[] } {
  const phrases = phrasesFor(options.language);
  const maxWords = options.maxWords ?? 220;
  const top = hits[0];
  if (!top) throw new TypeError('Expected at least one hit, got none');
  // A Japanese question answered from English atoms finds its words in them by their English forms.
  const termsOf = (text: string) => (baseLanguage(top.language) === baseLanguage(options.language) ? questionTerms(text) : inLanguageOf(questionTerms(text)));
  const terms = termsOf(question);
  const sources: Source[] = [];
  const cite = (hit: SearchHit): string => {
    let source = sources.find((s) => s.hit.unitId === hit.unitId && s.hit.question === hit.question);
    if (!source) {
      source = { n: sources.length + 1, hit };
      sources.push(source);
    }
    return `[${source.n}]`;
  };
  const close = (hit: SearchHit, ratio: number) => hit.confidence >= Math.max(options.minScore, top.confidence * ratio);

  const parts: string[] = [];
  const yesOrNo = asksYesOrNo(question);
  // "How do I write my first atom?" names the page "Write your first atom": another page's FAQ that
  // holds fewer of its words ("What kinds of atoms can I write?") does not answer it instead.
  const titled = termHits(top.title, terms);
  const outranked = (faq: SearchHit) => faq.atomId !== top.atomId && termHits(faq.question!, terms) <= titled;
  const faq = bestFaq(hits.slice(0, FAQ_WINDOW).map((hit) => wholeFaq(hit, options.atomUnits)), terms, (hit) => close(hit, FAQ_LEAD_RATIO), yesOrNo, outranked);
  // "What is a pitfall?" that no FAQ asks: the row, list item or sentence that says what one is; a
  // pasted error code that a table or list of codes has an entry for: that entry.
  const candidates = [...hits.slice(0, FAQ_WINDOW), ...(options.atomUnits ?? [])];
  const name = definedName(question);
  const definition = faq ? undefined : name !== undefined ? nameDefinition(candidates, name) : codeEntry(candidates, question);
  const primaryAtom = faq?.atomId ?? definition?.hit.atomId ?? top.atomId;
  if (faq) parts.push(citedAfterOpening(faqLead(faq, question), cite(faq)));

  const intent = questionIntent(question, hits.some((hit) => hit.atomId === primaryAtom && hit.matchedErrorCode !== undefined));
  const wanted = { steps: STEP_SECTIONS, meaning: MEANING_SECTIONS, why: WHY_SECTIONS, check: CHECK_SECTIONS, other: [] }[intent];
  const siblings = (options.atomUnits ?? []).filter((unit) => unit.atomId === primaryAtom && unit.kind !== 'faq' && unit.text.trim() !== '');
  // The section the question asks for is quoted even when the search ranked another part of the atom higher.
  const asked = siblings.filter((unit) => unit.section !== undefined && wanted.some((spec) => headingMatches(unit.section!, spec)));
  const found = hits.filter((hit) => hit.atomId === primaryAtom && hit.kind !== 'faq' && hit.unitId !== faq?.unitId && hit.text.trim() !== '');
  const known = new Set(found.map((hit) => hit.unitId));
  // Every other section of the atom may answer too, when its words fit the question better than what the search found.
  const unfound = siblings.filter((unit) => !known.has(unit.unitId) && unit.kind !== 'lead').map((unit) => ({ ...unit, confidence: top.confidence }));
  // A definition that is a row or an item of its section is said as the direct answer; quoting that section too would say it twice.
  const groups = sectionGroups([...found, ...unfound], found.length, hits.length, terms, wanted, intent).filter(
    (group) => definition?.form !== 'entry' || group.hits[0]!.anchor !== definition.hit.anchor,
  );
  const best = groups[0];
  // Steps are one section: a second one would bury them (a how-to answered by a reference section
  // may go on with a second, one that shares a word with the question: on a page of many small
  // entries merged into one, the first entry's description says nothing of the entry asked about).
  // An answer about a problem that does not quote what to do about it goes on with that.
  const resolution = best && !isSection(best, RESOLUTION_SECTIONS) ? groups.find((g) => isSection(g, RESOLUTION_SECTIONS)) : undefined;
  const stepsFound = intent === 'steps' && best !== undefined && (isSection(best, STEP_SECTIONS) || opensWithSteps(best.hits.map((hit) => stripHeading(hit.text, hit.section)).join('\n\n')));
  // A message that asks two things gets a section for the second, when the section quoted for the
  // whole holds little of it and another section of the atom holds more.
  const forParts = best ? partSections(question, best, [...found, ...unfound], found.length, hits.length, termsOf) : [];
  const second =
    forParts.length > 0
      ? forParts
      : stepsFound || faq
        ? []
        : resolution
          ? [{ group: resolution, terms }]
          : groups
              .slice(1, 2)
              .filter((g) => best && g.score >= best.score * SECOND_SECTION_RATIO && close(g.hits[0]!, SECOND_SECTION_RATIO) && g.overlap > 0)
              .map((group) => ({ group, terms }));
  const chosen = best ? [{ group: best, terms }, ...second] : [];
  let anchors: Map<string, Map<string, string>> | undefined;
  // Each section is trimmed to the terms of the part of the message it answers.
  const drafts = chosen.map(({ group, terms: quoteTerms }) => {
    // The whole section, every part of it in order, when the atom's units are at hand.
    const whole = siblings.filter((unit) => unit.anchor === group.hits[0]!.anchor);
    const units = whole.length >= group.hits.length ? whole.sort((a, b) => part(a) - part(b)) : group.hits;
    const text = cleanMarkdown(joinParts(units.map((hit) => ({ text: stripHeading(hit.text, hit.section), continues: hit.continues === true }))));
    // Steps are read from step 1, within their own budget, and so is a resolution that fits in it;
    // a how-to answered by a reference section (options, a table of commands), or by a resolution
    // as long as a reference page (a table of every error code), gets the parts that name the question.
    const steps = intent === 'steps' && (opensWithSteps(text) || (isSection(group, STEP_SECTIONS) && wordCount(text) <= maxWords * STEPS_BUDGET));
    const quote = withoutLeadingNote(withoutDanglingIntro(steps ? fromStart(text, maxWords * STEPS_BUDGET) : trimToRelevant(text, quoteTerms, faq ? Math.round(maxWords / 2) : maxWords)), quoteTerms);
    // A quote cut down to one entry of a reference section (`#### --inspect-brk`) is cited by that
    // entry and links to it: the top of the section may describe another entry altogether.
    const entry = steps ? undefined : openingSubHeading(quote);
    const anchor = entry && (anchors ??= subHeadingAnchors((options.atomUnits ?? []).filter((unit) => unit.atomId === primaryAtom)))?.get(group.hits[0]!.anchor ?? '')?.get(entry.heading);
    const first = group.hits[0]!;
    // A heading inside a quote reads as a bold line: in an answer it would stand as large as a page's.
    if (entry && anchor) return { first: { ...first, section: plainHeading(entry.heading), url: sectionUrl(first.pageUrl, anchor) }, text: headingsAsBold(entry.rest) };
    return { first, text: headingsAsBold(quote) };
  });
  // A section that held only what an answer leaves out (an HTML anchor, an MDX component) is not quoted empty.
  // Nor one left with only the line that introduced what the answer already said.
  const quotes = drafts.filter((quote) => quote.text.replace(/…/g, '').trim() !== '' && !onlyIntroduces(quote.text));
  // The direct answer first: the sentence of the atom that holds most of the question.
  const meaningFirst = intent === 'meaning' ? asked.find((unit) => unit.kind !== 'lead') : undefined;
  // Only an opening that names the question: "what is the default port of preview" is not
  // answered by "Unless noted, these options apply to preview."
  const opening = meaningFirst ? sentencesOf(cleanMarkdown(meaningFirst.text)).filter(standsAlone).slice(0, 1).find((sentence) => termHits(sentence, terms) >= Math.ceil(terms.length / 3)) : undefined;
  // A problem's resolution, quoted for a "what do I do" question or a pasted error, reads better after
  // one line that says what the problem is; for "why is it flagged", that line is the answer.
  const explained = best !== undefined && ((intent === 'steps' && isSection(best, RESOLUTION_SECTIONS)) || (intent === 'why' && isSection(best, WHY_SECTIONS)));
  const diagnosis = explained && !faq ? siblings.find((unit) => unit.section !== undefined && DIAGNOSIS_SECTIONS.some((spec) => headingMatches(unit.section!, spec))) : undefined;
  // Its first sentence that says something alone: "If you see an error like this on Linux:" only introduces the log it quotes.
  // Read from its paragraphs: a list under it (an imported rule's tags, aliases and parameters) says no meaning.
  const diagnosisSentence = diagnosis ? sentencesOf(paragraphsOf(cleanMarkdown(stripHeading(diagnosis.text, diagnosis.section)))).find(standsAlone) : undefined;
  // A yes/no question is not answered by the sentence that shares its words: "Full support is not
  // supported" for "does it support TypeScript?" says no where the atom says yes.
  const direct =
    faq || intent === 'steps' ? undefined : opening && meaningFirst ? { sentence: opening, hit: meaningFirst } : yesOrNo ? undefined : leadSentence([...found, ...siblings].filter((hit) => hit.atomId === primaryAtom), terms);
  // What defines the thing or the pasted code says more than the first line of what an error means.
  const lead = definition ? { sentence: definition.passage, hit: definition.hit } : diagnosis && diagnosisSentence ? { sentence: diagnosisSentence, hit: diagnosis } : direct;
  // After a direct answer, a section that could not be trimmed (one long table or code block) is
  // pointed to rather than quoted: the answer stays a few lines. Steps asked for are quoted,
  // within their own budget.
  const pointed = (text: string) => intent !== 'steps' && (lead !== undefined || faq !== undefined) && wordCount(text) > maxWords;
  // A quote that opens with the direct answer is the direct answer: saying it twice buries the rest.
  const leadQuoted = lead !== undefined && quotes.some((q) => !pointed(q.text) && opensWith(q.text, lead.sentence));
  if (lead && !leadQuoted) parts.push(`${lead.sentence} ${cite(lead.hit)}`);
  // Said first, it is not said again further down a quote.
  const said = lead && !leadQuoted ? quotes.map((quote) => ({ ...quote, text: withoutSentence(quote.text, lead.sentence) })) : quotes;
  // What is quoted before what is only pointed to: an answer does not open with "From X › Example."
  const shown = [...said.filter((quote) => !pointed(quote.text)), ...said.filter((quote) => pointed(quote.text))];
  shown.forEach(({ first, text }, i) => {
    const intro = faq || parts.length > 0 || i > 0 ? phrases.moreIntro : phrases.quoteIntro;
    const line = intro(first.title, first.section, cite(first));
    if (pointed(text)) parts.push(line.replace(/:$/, '.'));
    else parts.push(`${line}\n\n${text}`);
  });
  if (parts.length === 0) {
    // Only FAQ units that did not match the question well: quote the best one as it is.
    const asked = wholeFaq(top, options.atomUnits);
    parts.push(`${phrases.quoteIntro(asked.title, asked.section, cite(asked))}\n\n${trimToRelevant(cleanMarkdown(asked.answer ?? asked.text), terms, maxWords)}`);
  }

  const seen = new Set([primaryAtom]);
  const others: string[] = [];
  for (const hit of hits) {
    if (others.length === 2) break;
    // Confidence alone lets unrelated atoms in on common words; a see-also must name half the
    // question's terms, and two of them when it has two or more: one shared word of a short
    // question is as often another sense of it (`Windows` and a context window).
    const named = termHits(`${hit.title} ${hit.summary} ${hit.section ?? ''} ${hit.question ?? ''} ${hit.tags.join(' ')}`, terms);
    if (seen.has(hit.atomId) || !close(hit, SEE_ALSO_RATIO) || named < Math.min(terms.length, Math.max(2, Math.ceil(terms.length / 2)))) continue;
    seen.add(hit.atomId);
    others.push(`${place(hit.title, hit.kind === 'lead' || !hit.section ? undefined : hit.kind === 'faq' ? (hit.question ?? hit.section) : hit.section)} ${cite(hit)}`);
  }
  if (others.length > 0) parts.push(`${phrases.seeAlso} ${others.join('; ')}`);
  parts.push(phrases.extractiveNote);
  const quoted = sources[0]?.hit.language ?? options.language;
  if (baseLanguage(quoted) !== baseLanguage(options.language) && sources.every((source) => baseLanguage(source.hit.language) !== baseLanguage(options.language))) {
    parts.unshift(phrases.otherLanguageNote(baseLanguage(quoted)));
  }
  // Each part is a block of its own: a code block its section leaves open ends with it.
  return { answer: parts.map(closeOpenFence).join('\n\n'), citations: sources.map(citationFor) };
}

/**
 * Question terms as an atom in the other language writes them: a Japanese word the glossary knows
 * as its English words, the others as they are.
 *
 * @example inLanguageOf(['ワークスペース', 'テスト', 'pnpm']) //=> ['workspac', 'test', 'pnpm']
 */
function inLanguageOf(terms: readonly string[]): string[] {
  return [...new Set(terms.flatMap((term) => (CJK_TERM.test(term) ? questionTerms(englishFor(term) ?? term) : [term])))];
}

const CJK_TERM = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Does the section open with numbered steps: a list from `1.` that starts before any sub-heading,
 * within STEPS_OPENING_WORDS words?
 *
 * @example opensWithSteps('Before you start, log in.\n\n1. Run lint.') //=> true
 * @example opensWithSteps('Reads auth from files.\n\n### Auth file locations\n\n1. `.npmrc`') //=> false
 */
function opensWithSteps(text: string): boolean {
  const lines = text.split('\n');
  // A numbered list shown inside a code block (an example of Markdown) is no steps.
  const first = proseLines(lines).find((i) => NUMBERED_FROM_ONE.test(lines[i]!));
  if (first === undefined) return false;
  const before = lines.slice(0, first).join('\n');
  return !/^\s{0,3}#{1,6}\s/m.test(before) && wordCount(before) <= STEPS_OPENING_WORDS;
}

/** Words at the start of a quote a direct answer may sit in and still count as its opening. */
const OPENING_WORDS = 60;

/**
 * Does the quote state the sentence within its first OPENING_WORDS words (Markdown marks and line
 * breaks aside)?
 *
 * @example opensWith('**strictPeerDependencies**\n\nIf this is enabled, it fails.', 'If this is enabled, it fails.') //=> true
 */
function opensWith(quote: string, sentence: string): boolean {
  const plain = (text: string) => text.replace(/[`*_>#|]/g, '').replace(/\s+/g, ' ').trim();
  return plain(quote).split(' ').slice(0, OPENING_WORDS + wordCount(sentence)).join(' ').includes(plain(sentence));
}

/**
 * The FAQ (a FAQ unit, or a `Q:`/`A:` pair inside a unit such as the body of a `faq` atom) whose
 * question holds the largest share of the question's terms, if that share is at least FAQ_MATCH,
 * one of them is not in its atom's title (those say what the atom is about, not what is asked
 * of it), and they are two words or an identifier. A yes/no FAQ answers only a yes/no question,
 * and one that is `outranked` (another page's, holding no more of the question than the best
 * hit's title) answers none.
 */
function bestFaq(hits: readonly SearchHit[], terms: readonly string[], eligible: (hit: SearchHit) => boolean, yesOrNo: boolean, outranked: (faq: SearchHit) => boolean): SearchHit | undefined {
  if (terms.length === 0) return undefined;
  let best: { hit: SearchHit; share: number } | undefined;
  for (const hit of hits) {
    if (!eligible(hit)) continue;
    const candidates =
      hit.kind === 'faq'
        ? [hit]
        : parseFaq(hit.text)
            .filter((pair) => pair.question !== '' && pair.answer !== '')
            .map((pair): SearchHit => ({ ...hit, kind: 'faq', section: pair.question, question: pair.question, answer: pair.answer }));
    for (const candidate of candidates) {
      // "Does rebuilding re-embed everything? No." does not say how to rebuild.
      if (!candidate.question || !candidate.answer?.trim() || (asksYesOrNo(candidate.question) && !yesOrNo) || outranked(candidate)) continue;
      const matched = termsIn(candidate.question, terms);
      const share = matched.length / terms.length;
      // The search's own first pick, when it is a FAQ, is asked in other words: a long question
      // rarely repeats half its words in a FAQ's.
      // A faq atom's title names the collection, or, for a page of one question, the question itself.
      const beyondTitle = hit.type === 'faq' ? matched.length : matched.length - termsIn(hit.title, matched).length;
      // (Of a question of two words, one: "is windows supported" is asked by "Does it work on Windows?")
      const searchPick = hit === hits[0] && hit.kind === 'faq' && beyondTitle >= Math.max(1, Math.min(FAQ_PICK_TERMS, terms.length - 1));
      const weight = matched.reduce((n, term) => n + (IDENTIFIER.test(term) ? 2 : 1), 0);
      const asked = share >= FAQ_MATCH && beyondTitle >= 1 && weight >= Math.min(2, terms.length);
      if ((asked || searchPick) && (!best || share > best.share)) best = { hit: candidate, share };
    }
  }
  return best?.hit;
}

/**
 * A FAQ answer as the direct answer, after its own question unless the reader asked that question:
 * "No." or "It stops with exit code 2" answers the FAQ's question, which is rarely the reader's.
 *
 * @example faqLead({ question: 'Can two atoms share a title?', answer: 'No.' }, 'what happens if two atoms have the same title') //=> '**Can two atoms share a title?** No.'
 * @example faqLead({ question: 'Can I lint one atom?', answer: 'Yes.' }, 'can I lint just one atom') //=> 'Yes.'
 */
function faqLead(faq: Pick<SearchHit, 'question' | 'answer'>, question: string): string {
  const answer = cleanMarkdown(faq.answer!.trim());
  const own = questionTerms(faq.question!);
  // The reader asked the FAQ's question when theirs has its words and hardly more: "I asked in
  // Japanese and got an English page, is that a bug?" has the words of "Can I ask in Japanese?"
  // but is not answered by "Of course."
  if (own.length > 0 && termsIn(question, own).length === own.length && questionTerms(question).length <= own.length + 1) return answer;
  // A list or a code block cannot go on the question's line.
  return `**${cleanMarkdown(faq.question!.trim())}**${NOT_PROSE.test(answer) ? '\n\n' : ' '}${answer}`;
}

/**
 * The first hit, in rank order, with a passage that defines the thing (FAQ pairs aside: bestFaq
 * reads those). Only hits that `mention` it are read passage by passage: an atom's units can hold
 * thousands of table rows, and a question names a thing few of them mention.
 */
function definitionIn(hits: readonly SearchHit[], mentions: (text: string) => boolean, find: (text: string, title: string) => Definition | undefined): ({ hit: SearchHit } & Definition) | undefined {
  for (const hit of hits) {
    if (hit.kind === 'faq' || !mentions(hit.text)) continue;
    const definition = find(cleanMarkdown(stripHeading(hit.text, hit.section)), hit.title);
    if (definition) return { hit, ...definition };
  }
  return undefined;
}

/** The passage that defines what a "what is X" question names, in a hit that has every word of the name, or all but one. */
function nameDefinition(hits: readonly SearchHit[], name: string): ReturnType<typeof definitionIn> {
  const named = questionTerms(name);
  const needed = Math.max(1, named.length - 1);
  return definitionIn(hits, (text) => termsIn(text, named).length >= needed, (text, title) => definingPassage(text, name, title));
}

/**
 * The entry of a table or list of codes for an error code the question holds (the first of at most
 * three: a pasted log can hold many). The codes an atom lists that the search matched come first:
 * an errno code (`EADDRINUSE`) has no shape of its own to be told from a word in capitals.
 */
function codeEntry(hits: readonly SearchHit[], question: string): ReturnType<typeof definitionIn> {
  const matched = hits.flatMap((hit) => (hit.matchedErrorCode === undefined ? [] : [hit.matchedErrorCode]));
  // An error class a pasted error names (`HeadersOverflowError: …`) has its row in a table of error classes, as a code does.
  const classes = [...question.matchAll(PASTED_ERROR_CLASS)].map((match) => match[1]!).filter((name) => !BUILT_IN_ERRORS.has(name));
  for (const code of [...new Set([...matched, ...(question.match(new RegExp(ERROR_CODE.source, 'g')) ?? []), ...classes])].slice(0, 3)) {
    const entry = definitionIn(hits, (text) => text.includes(code), (text) => definingEntry(text, code));
    if (entry) return entry;
  }
  // A message the question pastes word for word, under a code spelt otherwise (a wrapper's prefix):
  // the row that says it. Only pasted output is looked up so, each cell of every table read.
  if (!holdsErrorOutput(question)) return undefined;
  return definitionIn(hits, () => true, (text) => {
    const name = quotedEntryName(text, question);
    return name === undefined ? undefined : definingEntry(text, name);
  });
}

/** An error class as a pasted error names it: `HeadersOverflowError: Headers Overflow Error`, `cause: ConnectTimeoutError`. */
const PASTED_ERROR_CLASS = /\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*Error)(?=:|\s\[)/g;
/** JavaScript's own error classes name no library's entry. */
const BUILT_IN_ERRORS: ReadonlySet<string> = new Set(['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError']);

/** The paragraphs of Markdown, without its lists, code and tables. */
function paragraphsOf(markdown: string): string {
  return splitBlocks(markdown)
    .filter((block) => block.kind === 'other')
    .map((block) => block.text)
    .join('\n\n');
}

/** A block that is not a paragraph: a list, code, a table, a quote or a heading. */
const NOT_PROSE = /^\s*([-*+]\s|\d+[.)]\s|`{3}|~{3}|\||>|#)/;

/**
 * The citation mark after the opening paragraph of a quote of several blocks: at the end it would
 * sit on the last item of a list, or after a code block.
 *
 * @example citedAfterOpening('Yes, with hard links.\n\n- [More](https://example.org)', '[1]') //=> 'Yes, with hard links. [1]\n\n- [More](https://example.org)'
 */
function citedAfterOpening(markdown: string, mark: string): string {
  const end = markdown.indexOf('\n\n');
  if (end === -1 || NOT_PROSE.test(markdown)) return `${markdown} ${mark}`;
  return `${markdown.slice(0, end)} ${mark}${markdown.slice(end)}`;
}

function isSection(group: SectionGroup, specs: readonly SectionSpec[]): boolean {
  const heading = group.hits[0]!.section;
  return heading !== undefined && specs.some((spec) => headingMatches(heading, spec));
}

/**
 * A FAQ pair whose answer the index cut into parts, whole: the part the search found may be only
 * the links at its end. Parts are put back together from the atom's units, when they are at hand.
 */
function wholeFaq(hit: SearchHit, atomUnits: readonly SearchHit[] | undefined): SearchHit {
  if (hit.kind !== 'faq' || part(hit) === 0 || !atomUnits) return hit;
  const pair = hit.unitId.replace(/@\d+$/, '');
  const parts = atomUnits.filter((unit) => unit.kind === 'faq' && unit.unitId.replace(/@\d+$/, '') === pair).sort((a, b) => part(a) - part(b));
  if (parts.length === 0) return hit;
  const text = parts.map((unit) => unit.text).join('\n\n');
  const asked = `Q: ${hit.question}\n\nA: `;
  // The first part's unit is the one a citation links to.
  return { ...parts[0]!, score: hit.score, confidence: hit.confidence, text, answer: text.startsWith(asked) ? text.slice(asked.length) : text };
}

/** The part number of a unit of a split section (`…@2`), 0 when not split. */
function part(hit: SearchHit): number {
  return Number(/@(\d+)$/.exec(hit.unitId)?.[1] ?? 0);
}

interface SectionGroup {
  /** The retrieved parts of one section, in document order. */
  readonly hits: SearchHit[];
  readonly score: number;
  /** Share of the question's terms the section holds. */
  readonly overlap: number;
}

/**
 * Groups an atom's hits by section (a long section is indexed as several parts) and orders the
 * groups by how well they fit the question: retrieval rank, share of the question's terms, and,
 * for "how do I" questions, being the steps or resolution section.
 */
/** A section answers a part of a message when it holds at least this many of the part's terms... */
const PART_MIN_TERMS = 2;
/** ...and this share of them. */
const PART_MIN_SHARE = 0.4;

/**
 * For a message that asks more than one thing (see `questionParts`), the section of the atom that
 * answers a later part, with that part's terms to trim it by: at most one, not the section already
 * quoted, and only when it holds more of the part than that one does.
 */
function partSections(
  question: string,
  best: SectionGroup,
  units: readonly SearchHit[],
  found: number,
  total: number,
  termsOf: (text: string) => string[],
): { group: SectionGroup; terms: string[] }[] {
  const parts = questionParts(question);
  if (parts.length < 2) return [];
  const groupText = (group: SectionGroup) => `${group.hits[0]!.section ?? ''} ${group.hits.map((hit) => hit.text).join(' ')}`;
  for (const part of parts.slice(1)) {
    const partTerms = termsOf(part);
    const candidate = sectionGroups(units, found, total, partTerms, [], 'other')[0];
    if (!candidate || candidate.hits[0]!.anchor === best.hits[0]!.anchor) continue;
    const held = termHits(groupText(candidate), partTerms);
    if (held < Math.max(PART_MIN_TERMS, Math.ceil(partTerms.length * PART_MIN_SHARE)) || held <= termHits(groupText(best), partTerms)) continue;
    return [{ group: candidate, terms: partTerms }];
  }
  return [];
}

function sectionGroups(hits: readonly SearchHit[], found: number, total: number, terms: readonly string[], wanted: readonly SectionSpec[], intent: Intent): SectionGroup[] {
  const byAnchor = new Map<string, { hits: SearchHit[]; rank: number }>();
  hits.forEach((hit, i) => {
    const key = hit.anchor ?? '';
    // Units the search did not find rank last.
    const group = byAnchor.get(key) ?? { hits: [], rank: i < found ? i : total };
    group.hits.push(hit);
    byAnchor.set(key, group);
  });
  return [...byAnchor.values()]
    .map(({ hits: groupHits, rank }) => {
      const first = groupHits[0]!;
      const text = `${first.section ?? ''} ${groupHits.map((h) => h.text).join(' ')}`;
      const overlap = terms.length > 0 ? termHits(text, terms) / terms.length : 0;
      const is = (specs: readonly Pick<SectionSpec, 'accepts'>[]) => first.section !== undefined && specs.some((spec) => spec.accepts.includes(normalizeHeading(first.section!)));
      const asked = is(wanted) ? 1 : 0;
      const restating = intent !== 'meaning' && is(RESTATING_SECTIONS) ? 1 : 0;
      return { hits: [...groupHits].sort((a, b) => part(a) - part(b)), score: (1 - rank / Math.max(1, total)) * 0.5 + overlap + asked - restating, overlap };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Removes the unit's own heading line, which the intro already names. Leading indentation stays:
 * a later part of a section may begin inside a list item.
 */
function stripHeading(text: string, section: string | undefined): string {
  const trimmed = text.replace(/^\s*\n/, '').trimEnd();
  const match = /^\s*#{1,6}\s+(.*)\n+/.exec(trimmed);
  if (match && (section === undefined || match[1]!.trim() === section.trim())) return trimmed.slice(match[0].length).replace(/^\s*\n/, '');
  return trimmed;
}

/** The sentence of the hits that names the largest share of the question's terms: at least half, and two when it has two (one shared word is a topic, not an answer). */
function leadSentence(hits: readonly SearchHit[], terms: readonly string[]): { sentence: string; hit: SearchHit } | undefined {
  if (terms.length === 0) return undefined;
  let best: { sentence: string; hit: SearchHit; score: number } | undefined;
  for (const hit of hits) {
    for (const sentence of sentencesOf(cleanMarkdown(hit.text)).filter(standsAlone)) {
      const score = termHits(sentence, terms);
      if (score > (best?.score ?? 0)) best = { sentence, hit, score };
    }
  }
  return best && best.score >= Math.max(Math.min(2, terms.length), Math.ceil(terms.length / 2)) ? best : undefined;
}

