/**
 * Signals from readers and from the knowledge base: questions the chat could not answer and
 * down-voted answers (each with "write an atom for this"), translations behind their source, and
 * orphans no atom links to.
 */
import { get } from '../api.js';
import { atomHref, h, notice, plural, replace } from '../dom.js';
import type { Session } from '../types.js';
import { openNewAtom, type ViewContext } from '../view-context.js';

interface Signals {
  readonly store: { available: boolean; note?: string };
  readonly unanswered: { question: string; count: number; lastAsked: string; variants: string[]; closestAtom?: string }[];
  readonly downVoted: { question: string; answer: string; askedAt: string; comments: string[]; cited: string[] }[];
  readonly translationsBehind: { path: string; title: string; language: string; source: string; sourcePath: string; translated: string | null; current: string }[];
  readonly orphans: { path: string; title: string }[];
}

/** A new atom whose first FAQ pair is the reader's question. */
function writeAtomFor(session: Session, question: string): void {
  const clean = question.trim().replace(/\s+/g, ' ');
  openNewAtom({
    path: '',
    header: { title: clean.replace(/\?+$/, '').slice(0, 120), summary: '', type: 'faq', status: 'draft', author: session.author, created: session.today, version: '0.1.0', tags: [], related: [] },
    body: `Q: ${/\?$/.test(clean) ? clean : `${clean}?`}\nA: \n`,
  });
}

export async function renderSignals({ main, current, session }: ViewContext): Promise<void> {
  const signals = await get<Signals>('/api/signals');
  if (!current()) return;
  const write = (question: string) => h('button', { type: 'button', class: 'secondary small', onclick: () => writeAtomFor(session, question) }, 'Write an atom for this');
  const section = (title: string, intro: string, action: HTMLElement | null, rows: HTMLElement[], empty: string) =>
    h('section', { class: 'card', 'aria-labelledby': `h-${title.replace(/\W+/g, '-')}` }, h('h2', { id: `h-${title.replace(/\W+/g, '-')}` }, title, h('span', { class: 'count' }, String(rows.length))), h('p', { class: 'muted' }, intro), action, rows.length ? h('ul', { class: 'rows' }, ...rows) : h('p', { class: 'empty' }, empty));
  replace(
    main,
    h('div', { class: 'view-head' }, h('h1', {}, 'Signals')),
    h('p', { class: 'lead' }, 'Where readers and the knowledge base say an atom is missing or behind.'),
    signals.store.available ? null : notice('info', `No reader signals yet (${signals.store.note ?? 'no chat store'}). They appear once the chat service has answered questions.`),
    h(
      'div',
      { class: 'signal-grid' },
      section(
        'Unanswered questions',
        'Questions the chat could not answer from the atoms, most asked first.',
        signals.store.available
          ? h(
              'p',
              { class: 'muted' },
              'Some may have an atom the refusal missed. ',
              h('a', { href: '/api/signals/question-set', download: 'questions.served.yaml' }, 'Download the questions readers asked as a question set'),
              ', check each entry, save it as ',
              h('code', {}, 'eval/questions.served.yaml'),
              ', and ',
              h('code', {}, 'atomkit eval'),
              ' says which ',
              h('code', {}, 'bot.minScore'),
              ' suits them.',
            )
          : null,
        signals.unanswered.map((group) => h('li', {}, h('p', { class: 'question' }, group.question), h('p', { class: 'muted' }, `asked ${plural(group.count, 'time')}, last ${group.lastAsked.slice(0, 10)}${group.closestAtom ? `; closest atom: ${group.closestAtom}` : ''}`), write(group.question))),
        'None: every question found an atom.',
      ),
      section(
        'Down-voted answers',
        'Answers readers marked as unhelpful, newest first.',
        null,
        signals.downVoted.map((item) => h('li', {}, h('p', { class: 'question' }, item.question), item.comments.length ? h('p', { class: 'comment' }, `\u201c${item.comments.join('\u201d \u201c')}\u201d`) : null, h('p', { class: 'muted' }, `${item.askedAt.slice(0, 10)}${item.cited.length ? `; cited ${item.cited.join(', ')}` : ''}`), write(item.question))),
        'None.',
      ),
      section(
        'Translations behind their source',
        'The source atom changed since it was translated.',
        null,
        signals.translationsBehind.map((item) => h('li', {}, h('a', { href: atomHref(item.path) }, item.title), h('p', { class: 'muted' }, `${item.language}: translated from ${item.translated ?? 'an unknown version'}, source is at ${item.current} (`, h('a', { href: atomHref(item.sourcePath) }, item.source), ')'))),
        'None: every translation is up to date.',
      ),
      section(
        'Orphans',
        'Atoms no other atom lists in `related`: readers only reach them by search.',
        null,
        signals.orphans.map((item) => h('li', {}, h('a', { href: atomHref(item.path) }, item.title), ' ', h('code', { class: 'path' }, item.path))),
        'None.',
      ),
    ),
  );
}
