/**
 * The transcript workspace: every transcript with how much of it atoms cite, and one transcript's
 * turns with their anchors, speakers and citing atoms. Selecting turns and an atom type proposes
 * a new atom from the passage, which opens in the editor (nothing is written until it is saved).
 */
import { get, post, withPath } from '../api.js';
import { announce, atomHref, h, notice, plural, replace } from '../dom.js';
import type { NewAtom } from '../types.js';
import { openNewAtom, type ViewContext } from '../view-context.js';

interface InterviewRow {
  readonly path: string;
  readonly title: string;
  readonly interviewee?: string;
  readonly role?: string;
  readonly date?: string;
  readonly system?: string;
  readonly passages: number;
  readonly cited: number;
  readonly errors: number;
}

interface Turn {
  readonly anchor: string | null;
  readonly speaker: string;
  readonly role: string;
  readonly section: string | null;
  readonly markdown: string;
  readonly line: number;
  readonly citedBy: { title: string; path: string }[];
}

export async function renderInterviews({ main, current, session }: ViewContext): Promise<void> {
  const { interviews } = await get<{ interviews: InterviewRow[] }>('/api/interviews');
  if (!current()) return;
  const rows = interviews.map((row) => {
    const share = row.passages === 0 ? 0 : Math.round((row.cited / row.passages) * 100);
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: `#/interviews/${encodeURIComponent(row.path)}` }, row.title), h('code', { class: 'path' }, row.path)),
      h('td', {}, row.interviewee ?? '—', row.role ? h('span', { class: 'muted' }, ` (${row.role})`) : null),
      h('td', {}, row.date ?? '—'),
      h('td', {}, row.system ?? '—'),
      h(
        'td',
        {},
        h('span', { class: 'meter', role: 'img', 'aria-label': `${share}% of passages cited` }, h('span', { style: `width:${share}%` })),
        ` ${row.cited} of ${plural(row.passages, 'passage')} cited`,
        row.errors > 0 ? h('span', { class: 'badge error' }, plural(row.errors, 'problem')) : null,
      ),
    );
  });
  replace(
    main,
    h('div', { class: 'view-head' }, h('h1', {}, 'Transcripts')),
    h('p', { class: 'lead' }, `Interviews in ${session.interviewsDir}/. Open one, select the turns that hold an idea, and turn them into an atom that cites them.`),
    interviews.length === 0
      ? notice('info', `No transcripts in ${session.interviewsDir}/ yet.`)
      : h(
          'table',
          { class: 'table' },
          h('caption', { class: 'sr-only' }, 'Interview transcripts'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Transcript'), h('th', { scope: 'col' }, 'Interviewee'), h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'System'), h('th', { scope: 'col' }, 'Cited by atoms'))),
          h('tbody', {}, ...rows),
        ),
  );
}

export async function renderTranscript({ main, current, session }: ViewContext, path: string): Promise<void> {
  const transcript = await get<{ path: string; header: Record<string, unknown> | null; turns: Turn[]; diagnostics: { message: string; start: { line: number; column: number } }[] }>(withPath('/api/interview', path));
  if (!current()) return;
  const selected = new Set<string>();
  const count = h('span', { class: 'selection-count', role: 'status' }, 'No turns selected');
  const typeSelect = h('select', { id: 'new-atom-type' }, ...(session.schema.properties.type?.enum ?? []).map((type) => h('option', { value: type, selected: type === 'procedure' }, type)));
  const create = h('button', { type: 'button', class: 'primary', disabled: true }, 'Create atom from selection');
  const problem = h('div');
  const update = () => {
    count.textContent = selected.size === 0 ? 'No turns selected' : `${plural(selected.size, 'turn')} selected: ${[...selected].map((a) => `#${a}`).join(', ')}`;
    create.disabled = selected.size === 0;
  };
  create.addEventListener('click', async () => {
    create.disabled = true;
    try {
      const draft = await post<NewAtom>('/api/drafts/from-passage', { transcript: transcript.path, anchors: [...selected], type: typeSelect.value });
      openNewAtom(draft);
    } catch (error) {
      replace(problem, notice('error', (error as Error).message));
      create.disabled = false;
    }
  });

  let section: string | null = null;
  const items: HTMLElement[] = [];
  for (const turn of transcript.turns) {
    if (turn.section !== section && turn.section) items.push(h('li', { class: 'section' }, h('h2', {}, turn.section)));
    section = turn.section;
    const id = `turn-${turn.anchor ?? turn.line}`;
    const box = h('input', { type: 'checkbox', id, disabled: !turn.anchor, 'data-anchor': turn.anchor ?? '' });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(turn.anchor!);
      else selected.delete(turn.anchor!);
      box.closest('li')?.classList.toggle('selected', box.checked);
      update();
    });
    items.push(
      h(
        'li',
        { class: `turn role-${turn.role}`, id: turn.anchor ?? undefined },
        box,
        h(
          'div',
          { class: 'turn-body' },
          h('label', { for: id, class: 'turn-head' }, h('span', { class: 'speaker' }, turn.speaker), h('code', { class: 'anchor' }, turn.anchor ? `#${turn.anchor}` : 'no anchor')),
          h('div', { class: 'turn-text' }, turn.markdown),
          turn.citedBy.length > 0
            ? h('p', { class: 'cited' }, 'Cited by ', ...turn.citedBy.flatMap((atom, i) => [i > 0 ? ', ' : '', h('a', { href: atomHref(atom.path) }, atom.title)]))
            : turn.role === 'interviewer'
              ? null
              : h('p', { class: 'cited none' }, 'Not cited by any atom yet'),
        ),
      ),
    );
  }
  const header = transcript.header ?? {};
  replace(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/interviews' }, 'Transcripts'), ' / ', transcript.path),
    h('div', { class: 'view-head' }, h('h1', {}, String(header.title ?? transcript.path))),
    h('p', { class: 'lead' }, `${String(header.interviewee ?? 'Unknown')} (${String(header.role ?? 'no role')}), interviewed by ${String(header.interviewer ?? 'unknown')} on ${String(header.date ?? 'an unknown date')} about ${String(header.system ?? 'an unknown system')}.`),
    transcript.diagnostics.length > 0 ? notice('error', `This transcript has ${plural(transcript.diagnostics.length, 'problem')}: ${transcript.diagnostics.slice(0, 3).map((d) => `line ${d.start.line}: ${d.message}`).join(' ')}`) : null,
    h(
      'div',
      { class: 'actionbar', role: 'group', 'aria-label': 'New atom from the selected turns' },
      count,
      h('label', { for: 'new-atom-type' }, 'Atom type'),
      typeSelect,
      create,
    ),
    problem,
    h('ol', { class: 'turns', 'aria-label': 'Turns' }, ...items),
  );
  announce(`${plural(transcript.turns.length, 'turn')}. Select turns with their checkboxes, then create an atom.`);
}
