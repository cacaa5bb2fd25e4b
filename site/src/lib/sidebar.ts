/**
 * The sidebar lists the index pages, never every atom, so each page's size stays the same however
 * many atoms there are. Starlight puts a locale's prefix on the links of its pages and picks the
 * label `translations` by the page's language.
 */
import { ATOM_TYPES } from '../../../tooling/src/atom/schema.js';
import { SIDEBAR_JA } from './i18n.js';
import { TYPE_LABELS } from './labels.js';

// Starlight adds the base path to these links.
export const sidebar = [
  { label: 'Overview', translations: { ja: SIDEBAR_JA.overview }, link: '/' },
  { label: 'Search', translations: { ja: SIDEBAR_JA.search }, link: '/search/' },
  { label: 'Tags', translations: { ja: SIDEBAR_JA.tags }, link: '/tags/' },
  {
    label: 'Atom types',
    translations: { ja: SIDEBAR_JA.atomTypes },
    items: ATOM_TYPES.map((type) => ({ label: TYPE_LABELS[type].plural, translations: { ja: SIDEBAR_JA.types[type].plural }, link: `/${type}/` })),
  },
];
