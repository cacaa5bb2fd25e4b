import { describe, expect, test } from 'vitest';
import { phrasesFor } from './phrases.js';

describe('notCovered', () => {
  test('links the closest pages, a title holding Markdown link syntax still one link to its page', () => {
    const text = phrasesFor('en').notCovered('the docs team', undefined, [
      { title: 'Evil](javascript:alert(1)) [x', url: '/error/evil/' },
      { title: 'Run lint', url: '/procedure/run lint (local)/' },
    ]);
    expect(text).toContain('The closest pages, which may not answer it: [Evil\\](javascript:alert(1)) \\[x](/error/evil/); [Run lint](/procedure/run%20lint%20%28local%29/).');
  });

  test('says nothing of closest pages when there are none, in either language', () => {
    expect(phrasesFor('en').notCovered('the docs team', undefined, [])).not.toContain('closest');
    expect(phrasesFor('ja').notCovered('ドキュメントチーム', undefined, [])).not.toContain('近いページ');
    expect(phrasesFor('ja').notCovered('ドキュメントチーム', undefined, [{ title: 'リント', url: '/ja/procedure/run-lint/' }])).toContain('近いページ（答えは載っていないかもしれません）: [リント](/ja/procedure/run-lint/)');
  });
});
