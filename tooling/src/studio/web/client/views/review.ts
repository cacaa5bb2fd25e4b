/**
 * The review queue: drafts (from `extract`, `import` or the studio) and atoms in review, least
 * certain first, each beside the passage or page it came from. Accept moves the status on (draft
 * to review, review to published); discard deletes the file after a confirmation. Checked items
 * can be accepted or discarded together.
 */
import { get, post } from '../api.js';
import { announce, atomHref, confirmDialog, h, notice, plural, replace } from '../dom.js';
import type { ViewContext } from '../view-context.js';

interface ReviewItem {
  readonly path: string;
  readonly title: string;
  readonly type: string | null;
  readonly status: 'draft' | 'review';
  readonly uncertainty: number;
  readonly reasons: string[];
  readonly words: number;
  readonly sources: { ref: string; speaker?: string; markdown?: string }[];
}

export async function renderReview(context: ViewContext, message?: HTMLElement): Promise<void> {
  const { main, current } = context;
  const { items } = await get<{ items: ReviewItem[] }>('/api/review');
  if (!current()) return;
  const checked = new Set<string>();
  const messages = h('div', {}, message ?? null);
  const bulkCount = h('span', { role: 'status' }, 'None selected');
  const bulkAccept = h('button', { type: 'button', class: 'primary', disabled: true }, 'Accept selected');
  const bulkDiscard = h('button', { type: 'button', class: 'danger', disabled: true }, 'Discard selected');
  const refreshBulk = () => {
    bulkCount.textContent = checked.size === 0 ? 'None selected' : `${plural(checked.size, 'atom')} selected`;
    bulkAccept.disabled = bulkDiscard.disabled = checked.size === 0;
  };

  const act = async (action: 'accept' | 'discard', paths: string[]) => {
    const titles = items.filter((item) => paths.includes(item.path)).map((item) => item.title);
    if (action === 'discard') {
      const list = h('ul', {}, ...titles.map((title) => h('li', {}, title)));
      const ok = await confirmDialog(`Discard ${plural(paths.length, 'atom')}?`, h('div', {}, h('p', {}, 'These files are deleted from the atoms folder (git still has them if they were committed):'), list), 'Discard');
      if (!ok) return;
    }
    try {
      const result = await post<{ accepted?: { path: string; status: string }[]; discarded?: string[] }>(`/api/review/${action}`, { paths });
      const text =
        action === 'accept'
          ? `Accepted ${plural(paths.length, 'atom')}: ${result.accepted!.map((a) => `${a.path} is now ${a.status}`).join('; ')}.`
          : `Discarded ${plural(paths.length, 'atom')}.`;
      announce(text);
      await renderReview(context, notice('ok', text));
    } catch (error) {
      replace(messages, notice('error', (error as Error).message));
    }
  };
  bulkAccept.addEventListener('click', () => void act('accept', [...checked]));
  bulkDiscard.addEventListener('click', () => void act('discard', [...checked]));

  const cards = items.map((item, i) => {
    const id = `review-${i}`;
    const box = h('input', { type: 'checkbox', id, 'aria-label': `Select ${item.title}` });
    box.addEventListener('change', () => {
      if (box.checked) checked.add(item.path);
      else checked.delete(item.path);
      refreshBulk();
    });
    return h(
      'li',
      { class: 'review-item' },
      h(
        'div',
        { class: 'review-atom' },
        h('div', { class: 'review-head' }, box, h('h2', {}, h('a', { href: atomHref(item.path) }, item.title))),
        h('p', { class: 'badges' }, item.type ? h('span', { class: 'badge' }, item.type) : null, h('span', { class: `badge status-${item.status}` }, item.status), h('span', { class: 'badge' }, `${item.words} words`)),
        h('p', { class: 'muted' }, item.reasons.length > 0 ? `Why it is uncertain: ${item.reasons.join(', ')}.` : 'Lints clean and cites its sources.'),
        h('code', { class: 'path' }, item.path),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => void act('accept', [item.path]) }, item.status === 'draft' ? 'Accept: move to review' : 'Accept: publish'),
          h('a', { class: 'button secondary', href: atomHref(item.path) }, 'Edit'),
          h('button', { type: 'button', class: 'danger', onclick: () => void act('discard', [item.path]) }, 'Discard'),
        ),
      ),
      h(
        'div',
        { class: 'review-source', role: 'region', 'aria-label': `Sources of ${item.title}` },
        ...(item.sources.length === 0
          ? [h('p', { class: 'muted' }, 'No sources: nothing to check this atom against.')]
          : item.sources.map((source) =>
              h(
                'figure',
                {},
                h('figcaption', {}, source.speaker ? `${source.speaker}, ` : '', h('code', {}, source.ref)),
                source.markdown ? h('blockquote', {}, source.markdown) : h('p', { class: 'muted' }, 'Not found in the project.'),
              ),
            )),
      ),
    );
  });

  replace(
    main,
    h('div', { class: 'view-head' }, h('h1', {}, 'Review queue')),
    h('p', { class: 'lead' }, 'Drafts and atoms in review, least certain first. Read each beside its source, then accept it, edit it or discard it.'),
    messages,
    items.length === 0
      ? notice('info', 'Nothing to review: no atom has status draft or review.')
      : h('div', {}, h('div', { class: 'actionbar', role: 'group', 'aria-label': 'Selected atoms' }, bulkCount, bulkAccept, bulkDiscard), h('ol', { class: 'review-list' }, ...cards)),
  );
}
