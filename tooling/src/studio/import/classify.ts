/**
 * The atom type a piece of docs reads like, from its structure: numbered steps, error codes and
 * "what went wrong" sections, question headings, fenced config with its keys explained, option
 * headings and Type/Default lines, don't/instead contrasts. Each signal adds to a type's score;
 * the confidence is the winner's share of the scores (a softmax), so a reviewer can start with
 * the drafts the importer was least sure of.
 */
import type { Code, Heading, List, Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import { ATOM_TYPES, type AtomType } from '../../atom/schema.js';
import { RULE_CODE_LEAD } from '../../text/rule-code.js';

export interface Classification {
  readonly type: AtomType;
  /** The winner's softmax share of all scores, 0-1. */
  readonly confidence: number;
  /** The signals that scored, for the review report. */
  readonly signals: readonly string[];
}

export interface PieceShape {
  /** The piece's own heading text (undefined for a whole page or its intro). */
  readonly heading: string | undefined;
  readonly nodes: readonly RootContent[];
  /** The piece is one of several problems (errors, symptoms) its page lists. */
  readonly problem: boolean;
  /** The page is a list of questions. */
  readonly faqPage: boolean;
  /** The page's title, when the piece is its first: a rule page is titled by its code (`MD013 - Line length`). */
  readonly title?: string;
}

/** An error code as logs print it: `ERR_PNPM_FOO`, `ENOSPC`, `MissingSharpError`. */
// An errno code (`ENOENT`, `EACCES`) is `E` and capitals, and so are a man page's section headings
// (`EXAMPLES`, `ENVIRONMENT`): those are no codes. Nor is a name given a value: `NODE_OPTIONS=options`
// heads an environment variable's entry.
export const ERROR_CODE = /\b(?:[A-Z][A-Z0-9]*_[A-Z0-9]+(?:_[A-Z0-9]+)*|E(?!(?:XAMPLES?|NVIRONMENT|XIT|RRORS?|XPORTS?|VENTS?|XTENSIONS?|XPERIMENTAL|NCODING|NTRY|DITING)\b)[A-Z]{3,}|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)*(?:Error|Exception))\b(?!=)/;
/** A heading that names a problem a reader runs into. */
const PROBLEM_WORDS = /\b(?:errors?|fail(?:s|ed|ure|ing)?|cannot|can't|crash(?:es)?|does not|doesn't|do not work|not working|unexpected(?:ly)?|stall(?:ed|s)?|stop(?:s)? loading|broken|time(?:s)? out|timeout|too large|denied|refused|missing|invalid|outdated|conflicts?|not found|mismatch(?:ed)?|warning|happens)\b/i;
const ERROR_SECTIONS = /^(?:what went wrong|what it means|cause|causes|why it happens|solution|how to fix|fix|resolution|what to do)\??$/i;
/** The first word of a step: what the reader does. */
const IMPERATIVE = /^(?:[^,.]{0,60},\s*)?(?:add|apply|build|call|change|check|choose|clean|click|clone|commit|configure|copy|create|define|delete|deploy|disable|download|edit|enable|ensure|enter|export|generate|go|import|install|log|make|merge|migrate|move|navigate|open|pass|publish|pull|push|put|register|remove|rename|replace|restart|run|select|set|sign|specify|start|stop|switch|test|type|uninstall|update|upgrade|use|verify|wait|write|inject|then|next|finally|first)\b/i;
const CONTRAST = /\b(?:don't|do not|avoid|never|instead|rather than|anti-pattern|bad practice|not recommended|discouraged)\b/i;
const OPTION_HEADING = /^(?:`?-{1,2}[\w-]+|`?[\w$@-]+(?:\.[\w$*-]+)+`?|`[^`]+`)(?:[\s,]|$)/;
const TYPE_LINE = /^\s*(?:[-*]\s*)?(?:\*\*)?(?:type|default|defaults? to|accepts|values?|added in|since)(?:\*\*)?\s*:/im;

/** A heading that names a task done to errors ("Adding new errors", "Handling errors"): a how-to, not a problem. */
const TASK_ON_ERRORS = /^(?:adding|creating|defining|documenting|testing|writing|using|throwing|handling|catching|reporting|raising|formatting|naming|customi[sz]ing)\b/i;

/**
 * A heading that labels examples as a rule's docs do ("Invalid", "Fail", "❌ Incorrect", "Examples of
 * invalid code"): the code that breaks the rule, not a problem the reader runs into.
 */
const EXAMPLE_LABEL = /^(?:[^\w\s]+\s*)?(?:examples? of\s+)?(?:in)?(?:valid|correct)(?:\s+(?:code|usage|examples?|cases?|patterns?))?$|^(?:[^\w\s]+\s*)?(?:fail|pass)(?:ing)?(?:\s+(?:code|examples?|cases?|tests?))?$/i;

export function isProblemHeading(text: string): boolean {
  if (headingCodes(text).length > 0) return true;
  const prose = proseOf(text).trim();
  return !TASK_ON_ERRORS.test(prose) && !EXAMPLE_LABEL.test(prose) && (/^error\b/i.test(text) || PROBLEM_WORDS.test(prose));
}

const CODE_SPAN = /`[^`]*`/g;
/** A word that is code: a member or a call (`timeout.unref()`, `clearTimeout(timeout)`), snake_case or camelCase. */
const CODE_WORD = /\w(?:\.\w|\(|\[|_\w)|[a-z][A-Z]/;

/**
 * A heading's words without its code: a problem word inside a name of code names an API, not a
 * problem (a page of `timeout.*` methods is no page of problems).
 *
 * @example proseOf('`timeout.unref()` fails when clearTimeout(timeout) ran') //=> 'fails when ran'
 */
function proseOf(heading: string): string {
  return heading
    .replace(CODE_SPAN, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !CODE_WORD.test(word))
    .join(' ');
}

/** Every code of a text (`String#match` starts a global pattern from the beginning each time). */
const EVERY_ERROR_CODE = new RegExp(ERROR_CODE.source, 'g');
/** An errno code's shape (`ENOENT`), which acronyms share (`ECDH`, `EXIF`). */
const ERRNO_SHAPED = /^E[A-Z]{3,}$/;

/**
 * The error codes a heading names. An errno-shaped word is one when it opens the heading
 * (`ENOTFOUND`, `ERESOLVE unable to resolve`) or the heading reads as a problem (`Common system
 * errors: EACCES`); anywhere else it is an acronym: `Class: ECDH` is an API's class.
 *
 * @example headingCodes('Class: ECDH') //=> []
 * @example headingCodes('`EADDRINUSE`') //=> ['EADDRINUSE']
 */
export function headingCodes(heading: string): string[] {
  const codes = heading.match(EVERY_ERROR_CODE) ?? [];
  const opening = /^[^\w]*(\w+)/.exec(heading)?.[1];
  const problem = PROBLEM_WORDS.test(heading);
  return codes.filter((code) => !ERRNO_SHAPED.test(code) || code === opening || problem);
}

/** A section that reads as one error: a "what went wrong"/"how to fix" sub-heading, or a `**Name**: message` line. */
export function isProblemSection(nodes: readonly RootContent[]): boolean {
  return nodes.some((node) => (node.type === 'heading' && ERROR_SECTIONS.test(toString(node).trim())) || namedMessage(node) !== undefined);
}

/** `**MissingSharp**: Could not find Sharp.` (also inside a blockquote): the name. */
function namedMessage(node: Nodes): string | undefined {
  if (node.type === 'blockquote') return node.children.map(namedMessage).find(Boolean);
  if (node.type !== 'paragraph') return undefined;
  const [label, after] = node.children;
  // A name in CamelCase (`MissingSharp`): one capitalised word is a label (`**Note**:`, `**Example**:`).
  return label?.type === 'strong' && /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/.test(toString(label)) && after?.type === 'text' && after.value.startsWith(':') ? toString(label) : undefined;
}

/**
 * Scores a piece and picks its type.
 *
 * @example classifyPiece({ heading: 'ERR_X', nodes, problem: true, faqPage: false }).type //=> 'error'
 */
export function classifyPiece(piece: PieceShape): Classification {
  const score = Object.fromEntries(ATOM_TYPES.map((type) => [type, 0])) as Record<AtomType, number>;
  const signals: string[] = [];
  const add = (type: AtomType, points: number, signal: string) => {
    score[type] += points;
    signals.push(`${signal} (${type} +${points})`);
  };
  // Reference text is the default: one weak signal alone does not outweigh it.
  score['interface-input'] = 2;
  const nodes = piece.nodes;
  const all = nodes.flatMap((node) => descendants(node));
  const headings = all.filter((node): node is Heading => node.type === 'heading').map((node) => toString(node).trim());
  const heading = piece.heading ?? '';
  const code = all.filter((node): node is Code => node.type === 'code');
  const lists = nodes.filter((node): node is List => node.type === 'list');
  const text = nodes.filter((node) => node.type === 'paragraph' || node.type === 'list' || node.type === 'blockquote').map((node) => toString(node)).join('\n');

  const ordered = lists.filter((list) => list.ordered && list.children.length >= 2);
  const steps = ordered.filter((list) => list.children.filter((item) => IMPERATIVE.test(toString(item).trim())).length * 2 >= list.children.length);
  if (steps.length > 0) add('procedure', 2 + Math.min(2, steps.reduce((n, list) => n + list.children.length, 0) / 3), 'numbered steps');
  else if (ordered.length > 0) add('procedure', 1, 'a numbered list');
  if (headings.filter((h) => /^(?:step\s*\d|\d+[.)]\s)/i.test(h)).length >= 2) add('procedure', 3, 'numbered step headings');
  if (/^(?:how to|install|set(?:ting)? up|configur|creat|add|migrat|deploy|publish|upgrad|us(?:e|ing) )/i.test(heading) && steps.length > 0) add('procedure', 1, 'a task heading with steps');

  const headingCode = headingCodes(heading)[0] ?? RULE_CODE_LEAD.exec(heading || (piece.title ?? ''))?.[1];
  if (headingCode) add('error', 4, `error code \`${headingCode}\` in the heading`);
  else if (piece.problem && /^error\b/i.test(heading)) add('error', 3, 'an error message as the heading');
  if (headings.some((h) => ERROR_SECTIONS.test(h))) add('error', 3, 'what went wrong / fix sections');
  const aboutProblem = piece.problem || isProblemHeading(heading);
  if (aboutProblem && /\b(?:this error|the error (?:is|occurs|happens)|error (?:occurs|happens) when|will fail|fails with|is thrown|throws)\b/i.test(text)) add('error', 1.5, 'text about an error');
  if (nodes.some((node) => namedMessage(node) !== undefined)) add('error', 3, 'a named error and its message');
  if (aboutProblem && code.some((block) => /^(?:\w*Error|ERR_|error:?)\b/m.test(block.value))) add('error', 1, 'an error in a log');
  if (piece.problem && !headingCode) add('troubleshooting', 3.5, 'one of several problems on its page');
  if (/\b(?:if you see|symptoms?|check (?:that|whether|if)|make sure|try (?:to|running))\b/i.test(text) && piece.problem) add('troubleshooting', 1, 'checks for a symptom');

  const questions = headings.filter((h) => h.endsWith('?')).length + (heading.endsWith('?') ? 1 : 0) + (text.match(/^Q:/gm)?.length ?? 0);
  // Only a page of questions becomes faq atoms: its pieces are turned into Q/A pairs whole, so a
  // piece must open with its question. Its intro, and a part of a long answer cut at a sub-heading
  // ("Running it on the server"), are typed as any other piece.
  const opening = nodes[0];
  const opensWithQuestion = opening?.type === 'heading' && toString(opening).trim().endsWith('?');
  if (piece.faqPage && opensWithQuestion) add('faq', 5, 'a page of question headings');
  else if (questions >= 2) add('troubleshooting', 0.5, 'question headings');

  const contrasts = (text.match(new RegExp(CONTRAST.source, 'gi')) ?? []).length;
  if (CONTRAST.test(heading)) add('pitfall', 3, 'a don\u2019t/avoid heading');
  if (contrasts >= 3) add('pitfall', 1.5, 'don\u2019t/instead contrasts');

  // A config block inside a step is part of the steps, not a template of its own.
  const templates = nodes.filter((node): node is Code => node.type === 'code' && parsesAsConfig(node.lang ?? '', node.value));
  if (templates.length > 0) {
    const keys = new Set(templates.flatMap((block) => [...block.value.matchAll(/^\s*"?([\w.-]+)"?\s*[:=]/gm)].map((match) => match[1]!)));
    const inlineCode = new Set(all.flatMap((node) => (node.type === 'inlineCode' ? [node.value] : [])));
    const explained = [...keys].filter((key) => inlineCode.has(key) || new RegExp(`^\\s*(?:[-*]\\s*)?${escapeRegExp(key)}\\b`, 'm').test(text)).length;
    // A whole file: long enough to be one, or every key it sets is explained.
    const whole = templates.some((block) => block.value.split('\n').length >= 6) || (keys.size >= 2 && explained === keys.size);
    if (whole && explained >= 2) add('config-template', 3, 'a config file with its keys explained');
    else if (keys.size > 0 && explained >= Math.min(2, keys.size)) add('config-template', 1.5, 'a config block with its keys explained');
    else add('config-template', 1, 'a config block');
    if (/\b(?:example|sample|template|full|complete|minimal)\b.*\b(?:config|configuration|file|workflow)\b/i.test(`${heading}\n${text}`)) add('config-template', 1, 'an example config file');
  }

  if (OPTION_HEADING.test(heading)) add('interface-input', 2, 'an option as the heading');
  const optionHeadings = headings.filter((h) => OPTION_HEADING.test(h)).length;
  if (optionHeadings >= 2) add('interface-input', 2, 'option headings');
  if (TYPE_LINE.test(text)) add('interface-input', 2, 'type/default lines');
  if (nodes.some((node) => node.type === 'table' && /option|flag|field|setting|parameter|argument|property|default/i.test(toString(node.children[0] ?? node)))) add('interface-input', 1.5, 'an options table');
  if (code.some((block) => /^(?:sh|bash|shell|console|zsh)$/.test(block.lang ?? '')) && steps.length === 0) add('interface-input', 0.5, 'commands');

  const ranked = (Object.entries(score) as [AtomType, number][]).filter(([type]) => type !== 'playbook').sort((a, b) => b[1] - a[1]);
  const [type, best] = ranked[0]!;
  const total = ranked.reduce((sum, [, points]) => sum + Math.exp(points), 0);
  return { type, confidence: Math.round((Math.exp(best) / total) * 100) / 100, signals };
}

function descendants(node: Nodes): Nodes[] {
  return [node, ...('children' in node ? (node.children as Nodes[]).flatMap(descendants) : [])];
}

/** A json or yaml block that parses to an object (a config-template's template must). */
export function parsesAsConfig(lang: string, value: string): boolean {
  try {
    if (/^json$/i.test(lang)) return typeof JSON.parse(value) === 'object';
    if (/^ya?ml$/i.test(lang)) return typeof parseYaml(value) === 'object';
    return false;
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The codes and messages an error piece shows, as a log would print them: codes in its heading,
 * `**Name**:` labels, `ERR_*`/`E…` codes in inline code, `Error: …` lines in its code blocks.
 *
 * @example errorCodesIn('ERR_PNPM_OUTDATED_LOCKFILE', nodes) //=> ['ERR_PNPM_OUTDATED_LOCKFILE']
 */
export function errorCodesIn(heading: string | undefined, nodes: readonly RootContent[]): string[] {
  const found: string[] = [];
  const led = heading === undefined ? undefined : RULE_CODE_LEAD.exec(heading)?.[1];
  if (led) found.push(led);
  if (heading) {
    found.push(...headingCodes(heading));
    if (/^error\b/i.test(heading)) found.push(heading.replace(/\s+error$/i, ''));
  }
  const all = nodes.flatMap((node) => descendants(node));
  for (const node of all) {
    if (node.type === 'inlineCode' && /^(?:ERR_[A-Z0-9_]+|E[A-Z]{3,}|[A-Z]\w+Error)$/.test(node.value)) found.push(node.value);
    const name = node.type === 'paragraph' ? namedMessage(node) : undefined;
    if (name) found.push(name);
    if (node.type === 'code') for (const match of node.value.matchAll(/^\s*((?:\w*Error|ERR_[A-Z0-9_]+)\b:? .{3,})$/gm)) found.push(match[1]!.trim());
  }
  return [...new Set(found.map((code) => code.slice(0, 200)).filter((code) => code.length >= 2))].slice(0, 12);
}
