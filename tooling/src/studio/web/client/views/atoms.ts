/** Every atom, filterable by title, path, type or status: the way into the editor for atoms no other view lists. */
import { get } from '../api.js';
import { atomHref, h, plural, replace } from '../dom.js';
import type { ViewContext } from '../view-context.js';

interface AtomRow {
  readonly path: string;
  readonly title: string;
  readonly type: string | null;
  readonly status: string;
}

export async function renderAtomList({ main, current, session }: ViewContext): Promise<void> {
  const { atoms } = await get<{ atoms: AtomRow[] }>('/api/atoms');
  if (!current()) return;
  const list = h('ul', { class: 'rows' });
  const count = h('p', { class: 'muted', role: 'status' });
  const filter = h('input', { type: 'search', id: 'atom-filter', placeholder: 'Filter by title, type, status or path', autocomplete: 'off' });
  const show = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = atoms.filter((atom) => words.every((word) => `${atom.title} ${atom.path} ${atom.type} ${atom.status}`.toLowerCase().includes(word)));
    count.textContent = `${plural(shown.length, 'atom')} of ${atoms.length}`;
    replace(
      list,
      ...shown.slice(0, 300).map((atom) =>
        h('li', {}, h('a', { href: atomHref(atom.path) }, atom.title), h('span', { class: 'badges' }, atom.type && h('span', { class: 'badge' }, atom.type), h('span', { class: `badge status-${atom.status}` }, atom.status)), h('code', { class: 'path' }, atom.path)),
      ),
    );
  };
  filter.addEventListener('input', show);
  replace(
    main,
    h('div', { class: 'view-head' }, h('h1', {}, 'Atoms'), h('a', { class: 'button primary', href: '#/new' }, 'New atom')),
    h('p', { class: 'lead' }, `The knowledge base in ${session.atomsDir}/. Open one to edit it with live lint and preview.`),
    h('label', { for: 'atom-filter', class: 'sr-only' }, 'Filter atoms'),
    filter,
    count,
    list,
  );
  show();
}
