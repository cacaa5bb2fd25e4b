/**
 * The evaluation question set (`eval/questions.yaml`): parsed with source positions, checked
 * against `schemas/questions.schema.json` with its defaults filled in, and checked for duplicate
 * ids. A bad file is one QuestionSetError with file, line and column, never a stack trace.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import type { FromSchema } from 'json-schema-to-ts';
import { questionsSchema } from '../generated/questions.schema.js';
import { validatorFor } from '../schema/validator.js';
import { explainSchemaErrors } from '../schema/explain.js';
import { LineIndex, type Position } from '../atom/position.js';

type QuestionSetFile = FromSchema<typeof questionsSchema>;
type QuestionEntry = QuestionSetFile['questions'][number];
export type QuestionKind = QuestionEntry['kind'];

/** Which part of a set a question is in: tuning looks at `dev` only, `test` is only reported. */
export type Split = 'dev' | 'test';

/** One question, defaults filled in, with the line it starts on. */
export type Question = Readonly<Omit<QuestionEntry, 'language' | 'gold' | 'facts' | 'sources' | 'unanswerable'>> & {
  readonly language: string;
  /** Atoms that answer it; empty for an unanswerable question, and for `sources` until they are resolved. */
  readonly gold: readonly string[];
  readonly sources: readonly string[];
  readonly unanswerable: boolean;
  readonly facts: readonly string[];
  readonly split: Split;
  readonly line: number;
};

export interface QuestionSet {
  /** Absolute path of the file, or a label for text given directly. */
  readonly file: string;
  /** Absolute path of the docs folder the questions are about, when the set names one. */
  readonly corpus?: string;
  readonly questions: readonly Question[];
}

/**
 * The part of its set a question is in, from a hash of its id alone: the same question is in the
 * same part in every run, on every machine, whatever else the set holds.
 *
 * @example splitOf('more-bom-keyword') //=> 'dev'
 */
export function splitOf(id: string): Split {
  return createHash('sha256').update(id).digest()[0]! < 128 ? 'dev' : 'test';
}

export const QUESTION_KINDS: readonly QuestionKind[] = questionsSchema.properties.questions.items.properties.kind.enum;

/** A question set that cannot be used; the CLI prints it as `file:line:col message` and exits 2. */
export class QuestionSetError extends Error {
  override name = 'QuestionSetError';
  constructor(
    message: string,
    readonly file: string,
    readonly start: Position,
    readonly hint?: string,
  ) {
    super(message);
  }

  /** `file:line:col: message` as editors and terminals link it. */
  format(): string {
    return `${this.file}:${this.start.line}:${this.start.column}: ${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}

/** Reads and checks a question set file. */
export function loadQuestionSet(file: string): QuestionSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (code ?? String(error));
    throw new QuestionSetError(`Cannot read the question set: ${why}.`, file, { line: 1, column: 1 });
  }
  return parseQuestionSet(text, file);
}

/**
 * Parses and checks question set text.
 *
 * @example parseQuestionSet('questions:\n- {id: a, text: How?, kind: vague, gold: [faq/x]}\n', 'q.yaml').questions[0].language //=> 'en'
 */
export function parseQuestionSet(text: string, file: string): QuestionSet {
  const source = text.replace(/^\uFEFF/, '');
  const lines = new LineIndex(source);
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new QuestionSetError(`Invalid YAML: ${yamlError.message.split('\n')[0]}`, file, lines.position(yamlError.pos[0]));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? null;
  } catch (error) {
    // yaml refuses alias expansion that would blow up (a "billion laughs" file).
    throw new QuestionSetError(`Invalid YAML: ${(error as Error).message}.`, file, { line: 1, column: 1 });
  }
  const validate = validatorFor(questionsSchema, { useDefaults: true });
  if (!validate(data)) {
    const [problem] = explainSchemaErrors(validate.errors ?? [], questionsSchema, data);
    const where = problem ? offsetOf(doc, problem.path, problem.atKey) : undefined;
    throw new QuestionSetError(problem?.message ?? 'Invalid question set.', file, lines.position(where ?? 0), problem?.hint);
  }
  const entries = (data as QuestionSetFile).questions;
  const seen = new Map<string, number>();
  const questions = entries.map((entry, index): Question => {
    const offset = offsetOf(doc, ['questions', index], false) ?? 0;
    const line = lines.position(offset).line;
    const first = seen.get(entry.id);
    if (first !== undefined) {
      throw new QuestionSetError(`Duplicate question id \`${entry.id}\` (first used on line ${first}).`, file, lines.position(offsetOf(doc, ['questions', index, 'id'], false) ?? offset));
    }
    seen.set(entry.id, line);
    const answers = [entry.gold, entry.sources, entry.unanswerable].filter((given) => given !== undefined).length;
    if (answers !== 1) {
      throw new QuestionSetError(
        `Question \`${entry.id}\` gives ${answers === 0 ? 'no answer' : 'more than one kind of answer'}; expected exactly one of \`gold\`, \`sources\` or \`unanswerable: true\`.`,
        file,
        lines.position(offset),
      );
    }
    if (entry.sources && !(data as QuestionSetFile).corpus) {
      throw new QuestionSetError(`Question \`${entry.id}\` names \`sources\`, but the set has no \`corpus\` folder they are in.`, file, lines.position(offsetOf(doc, ['questions', index, 'sources'], false) ?? offset));
    }
    const { sources, unanswerable, ...rest } = entry;
    return { ...rest, language: entry.language ?? 'en', gold: entry.gold ?? [], sources: sources ?? [], unanswerable: unanswerable === true, facts: entry.facts ?? [], split: splitOf(entry.id), line };
  });
  const corpus = (data as QuestionSetFile).corpus;
  return { file, ...(corpus ? { corpus: path.resolve(path.dirname(file), corpus) } : {}), questions };
}

/** Offset of the YAML node at `path` (or its key), falling back to the nearest parent that exists. */
function offsetOf(doc: Document, path: readonly (string | number)[], atKey: boolean): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const parts = path.slice(0, depth);
    if (atKey && depth === path.length && depth > 0) {
      const parent = doc.getIn(parts.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === parts.at(-1));
        const range = (pair?.key as { range?: [number, number] } | null)?.range;
        if (range) return range[0];
      }
      continue;
    }
    const node = depth === 0 ? doc.contents : doc.getIn(parts, true);
    const range = (node as { range?: [number, number] } | null)?.range;
    if (range) return range[0];
  }
  return undefined;
}
