/**
 * Generators of hostile atom files for the lint fuzz tests: a valid atom with pieces cut, doubled
 * or replaced by junk; bodies nested far too deep; headers of deeply nested flow collections; and
 * symbolic links out of the project, in loops or to nothing.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { header, procedureBody } from '../../src/lint/test-helpers.js';

/** What one generated file is: its text, or a link (to `target`, resolved from the file's folder). */
export type HostileFile = { readonly text: string } | { readonly link: 'outside-file' | 'outside-folder' | 'loop' | 'dangling' };

const valid = header() + procedureBody;
const lines = header().split('\n');

/** A valid atom with pieces cut, doubled, or replaced by junk, never the original. */
export const malformedAtom = fc
  .tuple(fc.array(fc.tuple(fc.nat(lines.length + 2), fc.oneof(fc.string(), fc.constantFrom('---', '\t', 'type: nope', 'title: [', ': :', '\u0000', '\r', 'created: 2025-99-99', 'tags: 5'))), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([edits, dropBody]) => {
    const out = [...lines];
    for (const [at, text] of edits) out.splice(at % (out.length + 1), at % 3 === 0 ? 1 : 0, text);
    return out.join('\n') + (dropBody ? '' : '\nshort body\n');
  })
  .filter((text) => text !== valid);

// Each nests one level per repetition (a list item two): block quotes and list markers on one
// line, items indented under items, and inline markup inside inline markup.
const NESTINGS: Record<string, (depth: number) => string> = {
  quotes: (depth) => `${'>'.repeat(depth)} quoted\n`,
  spacedQuotes: (depth) => `${'> '.repeat(depth)}quoted\n`,
  bullets: (depth) => `${'- '.repeat(depth)}item\n`,
  ordered: (depth) => `${'1. '.repeat(depth)}item\n`,
  quotedLists: (depth) => `${'> - '.repeat(Math.ceil(depth / 2))}item\n`,
  indentedLists: (depth) => Array.from({ length: Math.ceil(depth / 2) }, (_, i) => `${'  '.repeat(i)}- item`).join('\n') + '\n',
  emphasis: (depth) => `${'*a '.repeat(depth)}x${' a*'.repeat(depth)}\n`,
  strong: (depth) => `${'**'.repeat(depth)}x${'**'.repeat(depth)}\n`,
  strikethrough: (depth) => `${'~a '.repeat(depth)}x${' a~'.repeat(depth)}\n`,
};

/** A valid header over a body nested past the limit, between ordinary paragraphs. */
export const deepBodyAtom = fc
  .tuple(fc.constantFrom(...Object.keys(NESTINGS)), fc.integer({ min: 102, max: 6000 }), fc.boolean())
  .map(([kind, depth, textAfter]) => {
    // Inline and indented nesting cost the parser more per level; past the limit is enough.
    const capped = ['quotes', 'spacedQuotes', 'bullets', 'ordered', 'quotedLists'].includes(kind) ? depth : 102 + (depth % 200);
    return `${header()}\nSome words first.\n\n${NESTINGS[kind]!(capped)}${textAfter ? '\nSome words after.\n' : ''}`;
  });

/** A header whose `tags` (or a new field) holds flow collections nested past the limit, closed or not. */
export const deepFlowAtom = fc
  .tuple(fc.constantFrom('[', '{a: ', '[{b: '), fc.integer({ min: 26, max: 12_000 }), fc.boolean(), fc.constantFrom('tags', 'related', 'extra'))
  .map(([open, repeat, closed, field]) => {
    const close = open === '[' ? ']' : open === '{a: ' ? '}' : '}]';
    const value = `${open.repeat(repeat)}x${closed ? close.repeat(repeat) : ''}`;
    // Nested fewer than 101 levels and closed, these are valid YAML that only the schema refuses.
    return header({ [field]: value }) + procedureBody;
  });

/** Any of the hostile kinds, links included. */
export const hostileFile: fc.Arbitrary<HostileFile> = fc.oneof(
  { weight: 4, arbitrary: malformedAtom.map((text) => ({ text })) },
  { weight: 3, arbitrary: deepBodyAtom.map((text) => ({ text })) },
  { weight: 2, arbitrary: deepFlowAtom.map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.constantFrom('outside-file', 'outside-folder', 'loop', 'dangling').map((link) => ({ link }) as HostileFile) },
);

/**
 * Writes generated files as `atoms/h<i>.md` (a folder link as `atoms/h<i>`) in `project`; links
 * out of the project point into `outside`, which holds `secret.env` and `folder/page.md`.
 *
 * @returns The project-relative path of each file as lint shows it.
 */
export function writeHostileFiles(project: string, outside: string, files: readonly HostileFile[]): string[] {
  const atoms = path.join(project, 'atoms');
  mkdirSync(atoms, { recursive: true });
  mkdirSync(path.join(outside, 'folder'), { recursive: true });
  writeFileSync(path.join(outside, 'secret.env'), `${SECRET}\n`);
  writeFileSync(path.join(outside, 'folder/page.md'), `${header({ title: SECRET })}${procedureBody}`);
  return files.map((file, i) => {
    const name = 'link' in file && file.link === 'outside-folder' ? `h${i}` : `h${i}.md`;
    const at = path.join(atoms, name);
    if ('text' in file) writeFileSync(at, file.text);
    else if (file.link === 'outside-file') symlinkSync(path.join(outside, 'secret.env'), at);
    else if (file.link === 'outside-folder') symlinkSync(path.join(outside, 'folder'), at);
    else if (file.link === 'loop') symlinkSync(name, at);
    else symlinkSync(path.join(atoms, 'nothing-here.md'), at);
    return `atoms/${name}`;
  });
}

/** What the files outside the project hold; it must never appear in any output. */
export const SECRET = 'SECRET_TOKEN=do-not-print-me';
