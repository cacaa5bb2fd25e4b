import { describe, expect, test } from 'vitest';
import type { Embedder } from './embedder.js';
import { withPrefixes } from './load.js';

function recording(): Embedder & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    provider: 'local',
    model: 'org/e5',
    key: 'local:org/e5:q8',
    dims: 2,
    maxTokens: 512,
    countTokens: (text) => text.length,
    embed: async (texts) => {
      seen.push(...texts);
      return texts.map(() => new Float32Array([1, 0]));
    },
    dispose: async () => {},
  };
}

describe(withPrefixes, () => {
  const prefixes = { queryPrefix: 'query: ', documentPrefix: 'passage: ' };

  test('puts the prefix before every text it embeds', async () => {
    const base = recording();
    await withPrefixes(base, 'passage: ', prefixes).embed(['Run the linter', 'Fix the header']);
    expect(base.seen).toEqual(['passage: Run the linter', 'passage: Fix the header']);
  });

  test('gives query and document embedders one key that names both prefixes', () => {
    const forQueries = withPrefixes(recording(), 'query: ', prefixes);
    const forDocuments = withPrefixes(recording(), 'passage: ', prefixes);
    expect(forQueries.key).toBe(forDocuments.key);
    expect(forQueries.key).toBe('local:org/e5:q8|query="query: "|document="passage: "');
    expect(withPrefixes(recording(), 'q: ', { queryPrefix: 'q: ', documentPrefix: '' }).key).not.toBe(forQueries.key);
  });
});
