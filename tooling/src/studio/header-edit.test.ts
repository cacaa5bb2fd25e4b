import { describe, expect, test } from 'vitest';
import { editHeader, HeaderEditError } from './header-edit.js';

const atom = [
  '---',
  '# yaml-language-server: $schema=../../schemas/atom.schema.json',
  "title: 'Rebuild the index' # shown in the sidebar",
  'summary: >-',
  '  Folded text that the',
  '  printer would join.',
  'tags: [index,   ops]',
  'related:',
  '  - Other page',
  '---',
  '',
  'Body text: untouched.',
  '',
].join('\n');

describe('editHeader', () => {
  test('changes only the edited field and keeps comments, quoting, folding and spacing elsewhere', () => {
    const { text, changed } = editHeader(atom, (doc) => doc.set('related', doc.createNode(['Other page', 'Third page'])));
    expect(changed).toBe(true);
    expect(text).toBe(atom.replace('  - Other page\n', '  - Other page\n  - Third page\n'));
  });

  test('keeps the quoting style of an edited scalar', () => {
    const { text } = editHeader(atom, (doc) => {
      (doc.get('title', true) as { value: string }).value = 'Rebuild the search index';
    });
    expect(text).toContain("title: 'Rebuild the search index' # shown in the sidebar\n");
  });

  test('adds a new field at the end of the header', () => {
    const { text } = editHeader(atom, (doc) => doc.set('status', 'review'));
    expect(text).toContain('  - Other page\nstatus: review\n---\n');
  });

  test('an edit that changes nothing leaves the text byte for byte', () => {
    expect(editHeader(atom, (doc) => doc.set('tags', doc.createNode(['index', 'ops'])))).toEqual({ text: atom, changed: false });
  });

  test('keeps a BOM and CRLF line endings', () => {
    const crlf = `\uFEFF${atom.replace(/\n/g, '\r\n')}`;
    const { text } = editHeader(crlf, (doc) => doc.set('status', 'draft'));
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  test('a file without a header, or with broken YAML, is refused with a reason', () => {
    expect(() => editHeader('# Just Markdown\n', () => {})).toThrow(HeaderEditError);
    expect(() => editHeader('---\ntitle: [unclosed\n---\n', () => {})).toThrow(/not valid YAML/);
  });
});
