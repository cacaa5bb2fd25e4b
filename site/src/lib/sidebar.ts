/**
 * The sidebar lists the index pages, never every atom, so each page's size stays the same however
 * many atoms there are. Starlight puts the site's base and a locale's prefix on the links of its
 * pages and picks the label `translations` by the page's language.
 */
import { ATOM_TYPES } from '../../../tooling/src/atom/schema.js';
import { SIDEBAR_JA } from './i18n.js';
import { TYPE_LABELS } from './labels.js';

/**
 * The knowledge base's sidebar entries, for pages under `routeBase` below the site's base.
 *
 * @example atomSidebar('kb')[2] //=> { label: 'Tags', translations: { ja: 'タグ' }, link: '/kb/tags/' }
 */
export function atomSidebar(routeBase: string) {
  const link = (path: string) => `/${[routeBase, path].filter(Boolean).join('/')}/`.replace(/\/+/g, '/');
  return [
    { label: 'Overview', translations: { ja: SIDEBAR_JA.overview }, link: link('') },
    { label: 'Search', translations: { ja: SIDEBAR_JA.search }, link: link('search') },
    { label: 'Tags', translations: { ja: SIDEBAR_JA.tags }, link: link('tags') },
    {
      label: 'Atom types',
      translations: { ja: SIDEBAR_JA.atomTypes },
      items: ATOM_TYPES.map((type) => ({ label: TYPE_LABELS[type].plural, translations: { ja: SIDEBAR_JA.types[type].plural }, link: link(type) })),
    },
  ];
}
