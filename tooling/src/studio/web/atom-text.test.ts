import { describe, expect, test } from 'vitest';
import { cleanHeader, composeAtom, splitAtom } from './atom-text.js';

const ATOM = '---\ntitle: Rotate the key # the page title\nsummary: "How to rotate it."\ncreated: "2026-01-05"\ntags: [keys]\nrelated: []\n---\n\n## Steps\n\n1. Rotate.\n';

describe('splitAtom', () => {
  test('splits the header from the body and says on which file line the body starts', () => {
    expect(splitAtom(ATOM)).toEqual({ header: { title: 'Rotate the key', summary: 'How to rotate it.', created: '2026-01-05', tags: ['keys'], related: [] }, body: '## Steps\n\n1. Rotate.\n', bodyLine: 9 });
  });

  test.each(['no header at all\n', '---\ntitle: [unclosed\n---\n', '---\n- a list\n---\n'])('gives no header for %j, keeping the whole text as the body', (text) => {
    expect(splitAtom(text)).toMatchObject({ header: undefined, body: text, bodyLine: 1 });
  });
});

describe('composeAtom', () => {
  test('rewrites only the changed fields of an existing header, keeping comments', () => {
    const { header, body } = splitAtom(ATOM);
    const { text } = composeAtom(ATOM, { ...header, tags: ['keys', 'security'], updated: '2026-02-01' }, body);
    expect(text).toBe('---\ntitle: Rotate the key # the page title\nsummary: "How to rotate it."\ncreated: "2026-01-05"\ntags: [keys, security]\nrelated: []\nupdated: "2026-02-01"\n---\n\n## Steps\n\n1. Rotate.\n');
  });

  test('removes fields the form emptied, but keeps the required lists', () => {
    const { header, body } = splitAtom(ATOM);
    const { text } = composeAtom(ATOM, { ...header, summary: '', tags: [] }, body);
    expect(text).toMatch(/^tags: \[\]$/m);
    expect(text).not.toMatch(/^summary:/m);
  });

  test('renders a fresh header for a new atom and reports where its body starts', () => {
    const { text, bodyLine } = composeAtom(undefined, { title: 'New', version: '0.1.0', tags: [], related: [] }, 'Body');
    expect(text).toBe('---\ntitle: New\nversion: "0.1.0"\ntags: []\nrelated: []\n---\n\nBody\n');
    expect(text.split('\n')[bodyLine - 1]).toBe('Body');
  });
});

describe('cleanHeader', () => {
  test('drops empty strings, empty optional lists and empty objects', () => {
    expect(cleanHeader({ title: 'T', status: '', error_codes: [], tags: [], prerequisites: { role: '', inputs: [] } })).toEqual({ title: 'T', tags: [] });
  });
});
