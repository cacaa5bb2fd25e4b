/**
 * Parses an interview transcript: a YAML header (schemas/interview.schema.json) and a body of
 * speaker turns. A turn is a paragraph that opens with its anchor and a bold speaker label:
 *
 *     <a id="t-012"></a>**Dana:** The index is rebuilt on every push to main.
 *
 * Anchors are written into the file, never computed from the turn order, so inserting a turn
 * does not move the anchors atoms cite (`sources: [{ref: interviews/x.md#t-012}]`). A new turn
 * takes the next unused number, wherever it is inserted. Paragraphs, lists and code blocks after
 * a turn belong to it until the next turn or heading.
 */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseAtomText, type ParsedAtomText } from '../../atom/parse.js';
import type { Range } from '../../atom/position.js';
import { validatorFor } from '../../schema/validator.js';
import { explainSchemaErrors } from '../../schema/explain.js';
import { interviewSchema, type InterviewHeader } from './schema.js';

/** The lint engine's severities. */
export type InterviewSeverity = 'error' | 'warn';

/**
 * A replacement of `text.slice(range[0], range[1])` in the parsed text (BOM removed, LF line
 * endings): the lint engine's `Fix` shape, so `lint/fix.ts` `applyFixes` applies it as is.
 */
export interface TextFix {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface InterviewProblem {
  readonly code: InterviewRuleCode;
  readonly severity: InterviewSeverity;
  readonly message: string;
  readonly hint?: string;
  readonly range: Range;
  /** A safe automatic fix, when there is one (a missing or duplicate anchor). */
  readonly fix?: TextFix;
}

export type SpeakerRole = 'interviewer' | 'interviewee' | 'other' | 'unknown';

export interface InterviewTurn {
  /** 0-based position in the transcript. */
  readonly index: number;
  /** The turn's anchor (`t-012`), when it has a valid one. */
  readonly anchor: string | undefined;
  readonly speaker: string;
  readonly role: SpeakerRole;
  /** The `##` heading the turn is under, if any. */
  readonly section: string | undefined;
  /** The turn's blocks: its opening paragraph (label included) and what follows it. */
  readonly nodes: readonly RootContent[];
  /** Markdown source of the turn without the anchor and the speaker label. */
  readonly markdown: string;
  /** Plain text of the turn without the speaker label. */
  readonly text: string;
  readonly range: Range;
}

export interface ParsedInterview {
  readonly parsed: ParsedAtomText;
  /** The header, when it is valid against the interview schema. */
  readonly header: InterviewHeader | undefined;
  readonly turns: readonly InterviewTurn[];
  readonly problems: readonly InterviewProblem[];
}

/** Rule codes of interview transcripts; each has an error atom `atoms/error/<code with dashes>.md`. */
export const INTERVIEW_RULES = {
  'interview/header': 'The transcript starts with a readable YAML header between `---` lines.',
  'interview/schema': 'The header matches schemas/interview.schema.json.',
  'interview/turn-format': 'The body is speaker turns `**Name:** text` by people named in the header.',
  'interview/turn-anchor': 'Every turn opens with a unique anchor `<a id="t-NNN"></a>`.',
} as const;
export type InterviewRuleCode = keyof typeof INTERVIEW_RULES;

export const ANCHOR_PATTERN = /^t-\d{3,}$/;
const OPENING = /^(?:<a\s+id\s*=\s*"([^"]*)"\s*>\s*<\/a>)?[ \t]*(?:\*\*([^*\n]*?)\s*:\s*\*\*|\*\*([^*\n]*?)\*\*\s*:)/;
const ANCHOR_ONLY = /^<a\s+id\s*=\s*"([^"]*)"\s*>\s*<\/a>/;
const PLAIN_LABEL = /^([A-Z][\p{L}.' -]{0,30}):\s+\S/u;
const INTERVIEWER_LABELS = ['interviewer', 'q', 'question'];

/**
 * @example parseInterviewText(text).turns[0] //=> { anchor: 't-001', speaker: 'Interviewer', ... }
 */
export function parseInterviewText(input: string): ParsedInterview {
  const parsed = parseAtomText(input);
  const problems: InterviewProblem[] = parsed.problems.map((problem) => ({
    code: 'interview/header',
    severity: 'error',
    message: problem.message.replace(/an atom starts/, 'a transcript starts'),
    ...(problem.hint ? { hint: problem.hint } : {}),
    range: problem.range,
  }));
  const header = checkHeader(parsed, problems);
  const turns = collectTurns(parsed, header, problems);
  return { parsed, header, turns, problems };
}

function checkHeader(parsed: ParsedAtomText, problems: InterviewProblem[]): InterviewHeader | undefined {
  if (parsed.data === undefined || !parsed.frontmatter) return undefined;
  const validate = validatorFor(interviewSchema);
  if (validate(parsed.data)) return parsed.data as InterviewHeader;
  for (const problem of explainSchemaErrors(validate.errors ?? [], interviewSchema, parsed.data)) {
    problems.push({
      code: 'interview/schema',
      severity: 'error',
      message: problem.message,
      ...(problem.hint ? { hint: problem.hint } : {}),
      range: problem.atKey ? parsed.keyPositionOf(problem.path) : parsed.positionOf(problem.path),
    });
  }
  return undefined;
}

function collectTurns(parsed: ParsedAtomText, header: InterviewHeader | undefined, problems: InterviewProblem[]): InterviewTurn[] {
  const { text, lines } = parsed;
  const turns: InterviewTurn[] = [];
  const seen = new Map<string, number>();
  const used = new Set<number>();
  const pendingFixes: { at: number; range: Range; duplicateOf?: string; replaceTo?: number }[] = [];
  let section: string | undefined;
  let current: { anchor: string | undefined; speaker: string; start: number; labelEnd: number; nodes: RootContent[] } | undefined;
  let end = 0;

  const close = () => {
    if (!current) return;
    const first = current.nodes[0]!;
    const plain = current.nodes.map((node) => toString(node)).join('\n\n');
    const label = toString(first).match(/^\s*([^:]*?)\s*:\s*/)?.[0] ?? '';
    turns.push({
      index: turns.length,
      anchor: current.anchor,
      speaker: current.speaker,
      role: roleOf(current.speaker, header),
      section,
      nodes: current.nodes,
      markdown: text.slice(current.labelEnd, end).trim(),
      text: plain.slice(label.length).trim(),
      range: lines.range(current.start, end),
    });
    current = undefined;
  };

  for (const node of parsed.tree.children) {
    const start = node.position?.start.offset ?? 0;
    const nodeEnd = node.position?.end.offset ?? start;
    if (node.type === 'heading') {
      close();
      if (node.depth === 2) section = toString(node);
      continue;
    }
    if (node.type === 'paragraph') {
      const source = text.slice(start, nodeEnd);
      const opening = OPENING.exec(source);
      const anchorOnly = opening ? undefined : ANCHOR_ONLY.exec(source);
      if (opening || anchorOnly) {
        close();
        const anchorId = opening ? opening[1] : anchorOnly![1];
        const speaker = (opening?.[2] ?? opening?.[3] ?? '').trim();
        const range = lines.range(start, start + (opening?.[0].length ?? anchorOnly![0].length));
        if (!opening || speaker === '') {
          problems.push({
            code: 'interview/turn-format',
            severity: 'error',
            message: opening ? 'This turn has an empty speaker label.' : 'This turn has an anchor but no speaker: expected `**Name:**` right after the anchor.',
            hint: 'Start each turn with the speaker in bold, e.g. `<a id="t-001"></a>**Interviewer:** ...`.',
            range,
          });
        } else if (header && roleOf(speaker, header) === 'unknown') {
          const known = [header.interviewer, header.interviewee, ...(header.others ?? []), 'Interviewer'];
          problems.push({
            code: 'interview/turn-format',
            severity: 'error',
            message: `Unknown speaker \`${speaker}\`, expected one of ${known.map((name) => `\`${name}\``).join(', ')}.`,
            hint: 'Name extra participants in the header field `others`.',
            range,
          });
        }
        let anchor: string | undefined;
        if (anchorId === undefined) {
          pendingFixes.push({ at: start, range });
        } else if (!ANCHOR_PATTERN.test(anchorId)) {
          problems.push({
            code: 'interview/turn-anchor',
            severity: 'error',
            message: `Unexpected anchor \`${anchorId}\`, expected \`t-\` and at least three digits, e.g. \`t-007\`.`,
            range,
          });
        } else if (seen.has(anchorId)) {
          pendingFixes.push({ at: start, range, duplicateOf: anchorId, replaceTo: start + anchorOnlyLength(source) });
        } else {
          seen.set(anchorId, start);
          used.add(Number(anchorId.slice(2)));
          anchor = anchorId;
        }
        current = { anchor, speaker: speaker || '(no speaker)', start, labelEnd: start + (opening?.[0].length ?? anchorOnly![0].length), nodes: [node] };
        end = nodeEnd;
        continue;
      }
      const plainLabel = PLAIN_LABEL.exec(source)?.[1];
      // Only a known speaker's name counts as a label; "Verify by asking:" is prose.
      if (!current || (plainLabel !== undefined && roleOf(plainLabel, header) !== 'unknown')) {
        problems.push({
          code: 'interview/turn-format',
          severity: 'error',
          message: current
            ? 'This paragraph looks like a new turn, but its speaker is not in bold.'
            : 'Text before the first turn: the body of a transcript is speaker turns.',
          hint: 'Write each turn as `<a id="t-001"></a>**Speaker:** text`; a paragraph after a turn continues it.',
          range: lines.range(start, firstLineEnd(source, start, nodeEnd)),
        });
        if (!current) continue;
      }
    }
    if (node.type === 'html' && /^<!--/.test(node.value)) continue;
    if (current) {
      current.nodes.push(node);
      end = nodeEnd;
    } else {
      problems.push({
        code: 'interview/turn-format',
        severity: 'error',
        message: 'Content before the first turn: the body of a transcript is speaker turns.',
        range: lines.range(start, nodeEnd),
      });
    }
  }
  close();

  if (parsed.frontmatter && turns.length === 0) {
    problems.push({
      code: 'interview/turn-format',
      severity: 'error',
      message: 'The transcript has no speaker turns.',
      hint: 'Write each turn as `<a id="t-001"></a>**Speaker:** text`.',
      range: parsed.frontmatter.range,
    });
  }

  // Missing and duplicate anchors get the next unused numbers, in document order.
  let next = Math.max(0, ...used) + 1;
  for (const pending of pendingFixes) {
    const id = `t-${String(next++).padStart(3, '0')}`;
    problems.push({
      code: 'interview/turn-anchor',
      severity: 'error',
      message: pending.duplicateOf
        ? `The anchor \`${pending.duplicateOf}\` is used by an earlier turn; anchors must be unique.`
        : 'This turn has no anchor, so no atom can cite it.',
      hint: `Give it the next unused number: \`<a id="${id}"></a>\` (\`atomkit fix\` does this).`,
      range: pending.range,
      fix: { range: [pending.at, pending.replaceTo ?? pending.at], text: `<a id="${id}"></a>` },
    });
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return turns;
}

function firstLineEnd(source: string, start: number, nodeEnd: number): number {
  const newline = source.indexOf('\n');
  return newline === -1 ? nodeEnd : start + newline;
}

function anchorOnlyLength(source: string): number {
  return ANCHOR_ONLY.exec(source)?.[0].length ?? 0;
}

/** Who a speaker label names, going by the header. */
export function roleOf(speaker: string, header: InterviewHeader | undefined): SpeakerRole {
  const label = speaker.trim().toLowerCase();
  if (!header) return INTERVIEWER_LABELS.includes(label) ? 'interviewer' : 'unknown';
  const same = (name: string) => {
    const lower = name.trim().toLowerCase();
    return lower === label || lower.split(/\s+/)[0] === label;
  };
  if (INTERVIEWER_LABELS.includes(label) || same(header.interviewer)) return 'interviewer';
  if (same(header.interviewee) || label === header.role.toLowerCase()) return 'interviewee';
  if ((header.others ?? []).some(same)) return 'other';
  return 'unknown';
}
