import { describe, expect, test } from 'vitest';
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import type { Source } from './citations.js';
import { buildMessages, estimateTokens } from './prompt.js';

const source = (n: number, text: string): Source => ({
  n,
  hit: {
    unitId: `u${n}`,
    atomId: `a${n}`,
    title: `Atom ${n}`,
    summary: '',
    type: 'procedure',
    tags: [],
    language: 'en',
    kind: 'section',
    section: 'Steps',
    anchor: 'steps',
    pageUrl: `/a${n}/`,
    url: `/a${n}/#steps`,
    text,
    score: 1,
    confidence: 0.9,
  } satisfies SearchHit,
});

const base = { question: 'How do I run lint?', language: 'ja', siteTitle: 'atomkit', supportContact: 'the docs team', maxContextTokens: 6000 };

describe('buildMessages', () => {
  test('states the rules: atoms only, numbered citations, no invented code, user language, support contact', () => {
    const { messages } = buildMessages({ ...base, sources: [source(1, 'Run `npx atomkit lint`.')], history: [] });
    const system = String(messages[0]!.content);
    expect(system).toMatch(/ONLY the numbered atoms/);
    expect(system).toMatch(/\[1\]/);
    expect(system).toMatch(/Only give code/);
    expect(system).toMatch(/Answer in Japanese/);
    expect(system).toMatch(/the docs team/);
    expect(system).toContain('[1] Atom 1 — Steps (/a1/#steps)\nRun `npx atomkit lint`.');
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'How do I run lint?' });
  });

  test('includes the most recent turns that fit the budget, oldest first, never starting with an answer', () => {
    const history = [
      { role: 'user' as const, content: 'old question '.repeat(200) },
      { role: 'assistant' as const, content: 'old answer '.repeat(200) },
      { role: 'user' as const, content: 'What is an atom?' },
      { role: 'assistant' as const, content: 'A small Markdown file [1].' },
    ];
    const { messages, turnsUsed } = buildMessages({ ...base, maxContextTokens: 700, sources: [source(1, 'x')], history });
    expect(turnsUsed).toBe(2);
    expect(messages.slice(1, -1)).toEqual(history.slice(2));
  });

  test('always keeps the best source, and drops the rest once the budget is spent', () => {
    const long = 'word '.repeat(2000);
    const { sourcesUsed } = buildMessages({ ...base, maxContextTokens: 600, sources: [source(1, long), source(2, 'short')], history: [] });
    expect(sourcesUsed).toBe(1);
  });
});

describe('estimateTokens', () => {
  test('counts CJK characters one each and Latin text by four characters', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('日本語')).toBe(3);
  });
});
