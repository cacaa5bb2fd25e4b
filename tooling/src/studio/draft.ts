/**
 * A draft atom in memory: rendered to Markdown the way authors write atoms (dates and versions
 * quoted, tags as a flow list), and checked the way the linter checks structure (header schema,
 * the type's required sections, `related` titles that resolve) before anything is written.
 */
import { Document, visit, YAMLSeq } from 'yaml';
import { faqProblems } from '../atom/faq.js';
import { parseAtomText } from '../atom/parse.js';
import { atomSchema, type AtomHeader, type AtomType } from '../atom/schema.js';
import { REQUIRED_SECTIONS, headingMatches, isFaqHeading } from '../atom/sections.js';
import { validatorFor } from '../schema/validator.js';
import { explainSchemaErrors } from '../schema/explain.js';

export interface DraftSection {
  readonly heading: string;
  /** Markdown under the heading. */
  readonly body: string;
}

export interface AtomDraft {
  readonly header: AtomHeader;
  /** Markdown before the first section (an intro line), if any. */
  readonly lead?: string;
  readonly sections: readonly DraftSection[];
}

const HEADER_ORDER = [
  'title', 'summary', 'type', 'status', 'author', 'created', 'updated', 'version', 'language', 'tags', 'related',
  'prerequisites', 'error_codes', 'translation_of', 'source_version', 'sources',
];
const QUOTED = /^(?:\d{4}-\d{2}-\d{2}|\d+\.\d+\.\d+.*)$/;

/**
 * Renders a header (fields in the usual order) and body as atom text.
 *
 * @example renderAtom({ header, sections: [{ heading: 'Why', body: 'Because.' }] })
 * //=> '---\ntitle: ...\n---\n\n## Why\n\nBecause.\n'
 */
export function renderAtom(draft: AtomDraft): string {
  return `${renderHeader(draft.header)}\n${renderBody(draft)}`;
}

export function renderHeader(header: Readonly<Record<string, unknown>>): string {
  const ordered: Record<string, unknown> = {};
  for (const key of HEADER_ORDER) if (header[key] !== undefined) ordered[key] = header[key];
  for (const [key, value] of Object.entries(header)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  const doc = new Document(ordered);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && QUOTED.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const tags = doc.get('tags', true);
  if (tags instanceof YAMLSeq) tags.flow = true;
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n`;
}

function renderBody(draft: AtomDraft): string {
  const parts: string[] = [];
  if (draft.lead && draft.lead.trim() !== '') parts.push(draft.lead.trim());
  for (const section of draft.sections) parts.push(`## ${section.heading}\n\n${section.body.trim()}`);
  return `${parts.join('\n\n')}\n`;
}

/** The sections a new atom of this type starts with: its required headings and their prompts. */
export function templateSections(type: AtomType): DraftSection[] {
  if (type === 'faq') return [];
  return REQUIRED_SECTIONS[type].map((spec) => ({
    heading: spec.heading,
    // The prompt is shaped like the content the section needs, so a fresh template is well-formed.
    body: spec.numbered ? `1. ${spec.prompt}` : spec.template ? `${spec.prompt}\n\n\`\`\`yaml\n# the template\n\`\`\`` : spec.prompt,
  }));
}

/**
 * What keeps a draft from being a well-formed atom, as sentences (empty when it is fine).
 * `titles` are the titles `related` may name.
 */
export function checkAtomText(text: string, titles: ReadonlySet<string>): string[] {
  const parsed = parseAtomText(text);
  const problems = parsed.problems.map((problem) => `${problem.range.start.line}:${problem.range.start.column} ${problem.message}`);
  if (parsed.data === undefined) return problems;
  const validate = validatorFor(atomSchema);
  if (!validate(parsed.data)) {
    for (const problem of explainSchemaErrors(validate.errors ?? [], atomSchema, parsed.data)) {
      const where = (problem.atKey ? parsed.keyPositionOf(problem.path) : parsed.positionOf(problem.path)).start;
      problems.push(`${where.line}:${where.column} ${problem.message}`);
    }
  }
  // Structure is checked even when the header is invalid, so one re-ask can fix everything.
  const header = parsed.data as Partial<AtomHeader>;
  if (!header || typeof header !== 'object' || !REQUIRED_SECTIONS[header.type as AtomType]) return problems;
  if (header.type === 'faq') {
    // The same check as `body/faq-format`: an answer may run on over several blocks.
    const first = parsed.tree.children[0]?.position;
    if (first) {
      for (const problem of faqProblems(parsed.text.slice(first.start.offset!), first.start.line)) {
        if (problem.messageId === 'outside-pair' && /^#{1,6}\s/.test(problem.found)) continue;
        problems.push(`${problem.line}:1 A faq atom holds only \`Q:\` / \`A:\` pairs; found \`${problem.found}\`.`);
      }
    }
  } else {
    for (const spec of REQUIRED_SECTIONS[header.type as AtomType]) {
      const section = parsed.sections.find((candidate) => headingMatches(candidate.heading.text, spec));
      if (!section) {
        problems.push(`1:1 Missing the section \`## ${spec.heading}\` that a ${header.type} atom needs (${spec.prompt})`);
        continue;
      }
      if (spec.numbered && !section.nodes.some((node) => node.type === 'list' && node.ordered)) {
        problems.push(`${section.heading.range.start.line}:1 The section \`${section.heading.text}\` needs a numbered list.`);
      }
      if (spec.template && !section.nodes.some((node) => node.type === 'code' && /^(json|jsonc|ya?ml)$/i.test(node.lang ?? ''))) {
        problems.push(`${section.heading.range.start.line}:1 The section \`${section.heading.text}\` needs a fenced json or yaml block.`);
      }
    }
  }
  for (const section of parsed.sections) {
    if (isFaqHeading(section.heading.text) && section.nodes.length === 0) {
      problems.push(`${section.heading.range.start.line}:1 The FAQ section is empty.`);
    }
  }
  (Array.isArray(header.related) ? header.related : []).forEach((title, i) => {
    if (typeof title === 'string' && !titles.has(title)) {
      const where = parsed.positionOf(['related', i]).start;
      problems.push(`${where.line}:${where.column} \`related\` names \`${title}\`, which is no atom's title.`);
    }
  });
  return problems;
}
