import { describe, expect, test } from 'vitest';
import { atomFromText, type Atom } from '../atom/load.js';
import type { AtomHeader } from '../atom/schema.js';
import { atomBody, atomPageData, faqHead, faqJsonLd, translationKey } from './page-data.js';

const make = (rel: string, header: string, body: string) =>
  atomFromText(`/repo/atoms/${rel}`, `---\n${header}\n---\n${body}`, { root: '/repo/atoms', base: '/kb' }) as Atom & { header: AtomHeader };
const header = (title: string, extra = '') =>
  `title: ${title}\nsummary: A summary long enough.\ntype: procedure\nauthor: Ana\ncreated: 2025-01-01\nversion: 1.2.3\ntags: [a, b]\nrelated: [Beta, Gamma]${extra}`;

describe('atomPageData', () => {
  const alpha = make('procedure/alpha.md', header('Alpha', '\nupdated: 2025-02-03'), '\nLead.\n');
  const beta = make('error/beta.md', header('Beta').replace('type: procedure', 'type: error'), '\nBody.\n');
  const context = { published: new Map<string, Atom>([['Alpha', alpha], ['Beta', beta]]), projectRoot: '/repo', editUrl: 'https://git.example/edit/main' };

  test('links related atoms that are published and names the others without a link', () => {
    expect(atomPageData(alpha, context).atom.related).toEqual([{ title: 'Beta', url: '/kb/error/beta/', type: 'error' }, { title: 'Gamma' }]);
  });

  test('on locale pages, links go to the translation of a related atom, or to the locale fallback page of it', () => {
    const gamma = make('error/gamma.md', header('Gamma').replace('type: procedure', 'type: error'), '\nBody.\n');
    const betaJa = atomFromText('/repo/atoms/ja/error/beta-ja.md', `---\n${header('ベータ')}\nlanguage: ja\ntranslation_of: Beta\n---\nBody.\n`, { root: '/repo/atoms', base: '/kb', locales: ['ja'] });
    const published = new Map<string, Atom>([['Alpha', alpha], ['Beta', beta], ['Gamma', gamma], ['ベータ', betaJa]]);
    const localized = { ...context, published, locales: ['ja'], base: '/kb', translations: new Map([[translationKey('ja', 'Beta'), betaJa]]) };
    expect(atomPageData(alpha, localized).atom.related).toEqual([
      { title: 'Beta', url: '/kb/error/beta/', type: 'error', localized: { ja: '/kb/ja/error/beta-ja/' } },
      { title: 'Gamma', url: '/kb/error/gamma/', type: 'error', localized: { ja: '/kb/ja/error/gamma/' } },
    ]);
    // A related atom already in a locale needs no other address.
    const fromJa = atomFromText('/repo/atoms/ja/procedure/x.md', `---\n${header('Xylophone').replace('related: [Beta, Gamma]', 'related: [ベータ]')}\nlanguage: ja\n---\nBody.\n`, { root: '/repo/atoms', base: '/kb', locales: ['ja'] }) as Atom & { header: AtomHeader };
    expect(atomPageData(fromJa, localized).atom.related).toEqual([{ title: 'ベータ', url: '/kb/ja/error/beta-ja/', type: 'procedure' }]);
  });

  test('takes Starlight fields from the header: description, edit link to the source, last updated', () => {
    const data = atomPageData(alpha, context);
    expect(data.title).toBe('Alpha');
    expect(data.description).toBe('A summary long enough.');
    expect(data.editUrl).toBe('https://git.example/edit/main/atoms/procedure/alpha.md');
    expect(data.lastUpdated.toISOString()).toBe('2025-02-03T00:00:00.000Z');
    expect(data.atom).toMatchObject({ url: '/kb/procedure/alpha/', type: 'procedure', version: '1.2.3', author: 'Ana', tags: ['a', 'b'], status: 'published', source: 'atoms/procedure/alpha.md' });
  });

  test('has no edit link for a file outside the project', () => {
    expect(atomPageData(alpha, { ...context, projectRoot: '/elsewhere' }).editUrl).toBe(false);
  });

});

describe('faqHead', () => {
  test('puts FAQPage data in the head, with no way to close the script element', () => {
    const [script] = faqHead([{ question: 'Why </script>?', answer: 'Because.' }]);
    expect(script?.attrs).toEqual({ type: 'application/ld+json' });
    expect(script?.content).not.toContain('</script>');
    expect(JSON.parse(script!.content).mainEntity[0].name).toBe('Why </script>?');
  });

  test('is empty without pairs', () => {
    expect(faqHead([])).toEqual([]);
  });
});

describe('atomBody', () => {
  test('is the text after the header', () => {
    expect(atomBody(make('x.md', header('X'), '\nBody.\n'))).toBe('Body.\n');
  });

  test('is empty for a header with nothing after it', () => {
    expect(atomBody(atomFromText('/repo/atoms/x.md', `---\n${header('X')}\n---`, { root: '/repo/atoms' }))).toBe('');
  });
});

describe('faqJsonLd', () => {
  test('is schema.org FAQPage', () => {
    expect(JSON.parse(faqJsonLd([{ question: 'Q?', answer: 'A.' }]))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: [{ '@type': 'Question', name: 'Q?', acceptedAnswer: { '@type': 'Answer', text: 'A.' } }],
    });
  });
});
