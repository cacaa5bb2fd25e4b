/**
 * The sidebar lists the index pages, never every atom, so each page's size stays the same however
 * many atoms there are.
 */
import { ATOM_TYPES } from '../../../tooling/src/atom/schema.js';
import { TYPE_LABELS } from './labels.js';

// Starlight adds the base path to these links.
export const sidebar = [
  { label: 'Overview', link: '/' },
  { label: 'Search', link: '/search/' },
  { label: 'Tags', link: '/tags/' },
  { label: 'Atom types', items: ATOM_TYPES.map((type) => ({ label: TYPE_LABELS[type].plural, link: `/${type}/` })) },
];
