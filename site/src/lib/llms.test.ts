import { describe, expect, test } from 'vitest';
import type { AtomPageInfo } from '../../../tooling/src/site/page-data.js';
import { llmsFull, llmsIndex } from './llms.js';

const atom = (title: string, type: AtomPageInfo['type'], url: string, body: string) => ({
  title,
  body,
  atom: { id: url, url, type, summary: `About ${title}.\nSecond line.`, tags: ['t'], version: '1.0.0', author: 'a', created: '2025-01-01', status: 'published', errorCodes: [], related: [], faq: [], source: 'x.md' } as AtomPageInfo,
});
const site = { title: 'kb', siteUrl: 'https://x.org/' };
const atoms = [atom('Zed [beta]', 'procedure', '/kb/procedure/zed/', '## Steps\n\n1. Go.\n\n```md\n## not a heading\n```'), atom('Alpha', 'error', '/kb/error/alpha/', 'Text.')];

describe('llmsIndex', () => {
  test('groups atoms by type in type order with absolute links and one-line summaries', () => {
    expect(llmsIndex(site, atoms)).toBe(
      [
        '# kb',
        '',
        '> 2 knowledge atoms: short Markdown pages that each hold one idea (an error, a procedure, a pitfall, ...), grouped by type.',
        '',
        '## Errors',
        '',
        '- [Alpha](https://x.org/kb/error/alpha/): About Alpha. Second line.',
        '',
        '## Procedures',
        '',
        '- [Zed \\[beta\\]](https://x.org/kb/procedure/zed/): About Zed [beta]. Second line.',
        '',
      ].join('\n'),
    );
  });
});

describe('llmsFull', () => {
  test('nests each atom body under its title, leaving code blocks alone', () => {
    const text = llmsFull(site, atoms);
    expect(text).toContain('### Zed [beta]\n\nURL: https://x.org/kb/procedure/zed/\nSummary: About Zed [beta]. Second line.\nTags: t\nVersion: 1.0.0\n\n#### Steps');
    expect(text).toContain('```md\n## not a heading\n```');
  });
});
