/**
 * The studio's browser client: one page, a view per hash route. Each view renders into `<main>`;
 * a view that is left (the route changed) stops updating it.
 */
import './studio.css';
import { get } from './api.js';
import { h, notice, replace } from './dom.js';
import type { Session } from './types.js';
import { renderAtomList } from './views/atoms.js';
import { renderChanges } from './views/changes.js';
import { renderEditor, renderNewAtom } from './views/editor.js';
import { renderInterviews, renderTranscript } from './views/interviews.js';
import { renderReview } from './views/review.js';
import { renderSignals } from './views/signals.js';

/** What every view gets: the session, the element to render into, and whether it is still shown. */
export interface ViewContext {
  readonly session: Session;
  readonly main: HTMLElement;
  readonly current: () => boolean;
}

const main = document.getElementById('main')!;
let session: Session | undefined;
let generation = 0;
/** Set by a view with unsaved work; asked before the route changes. */
export const guard: { unsaved?: () => boolean } = {};

async function route(): Promise<void> {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [view = 'interviews', ...rest] = hash.split('/');
  const arg = rest.join('/');
  const mine = ++generation;
  const context: ViewContext = { session: session!, main, current: () => mine === generation };
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.dataset.view === (view === 'new' ? 'atoms' : view)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.body.dataset.view = view;
  try {
    if (view === 'interviews' && arg) await renderTranscript(context, arg);
    else if (view === 'interviews') await renderInterviews(context);
    else if (view === 'atoms' && arg) await renderEditor(context, arg);
    else if (view === 'atoms') await renderAtomList(context);
    else if (view === 'new') await renderNewAtom(context);
    else if (view === 'review') await renderReview(context);
    else if (view === 'signals') await renderSignals(context);
    else if (view === 'changes') await renderChanges(context);
    else replace(main, notice('error', `There is no view "${view}".`, h('p', {}, h('a', { href: '#/interviews' }, 'Go to the transcripts'))));
  } catch (error) {
    if (context.current()) replace(main, notice('error', (error as Error).message));
  }
}

let lastHash = location.hash;
window.addEventListener('hashchange', () => {
  if (guard.unsaved?.() && !window.confirm('This atom has unsaved changes. Leave without saving?')) {
    history.replaceState(null, '', lastHash || '#/interviews');
    return;
  }
  guard.unsaved = undefined;
  lastHash = location.hash;
  void route();
});
window.addEventListener('beforeunload', (event) => {
  if (guard.unsaved?.()) event.preventDefault();
});

try {
  session = await get<Session>('/api/session');
  document.getElementById('project')!.textContent = session.project;
  document.title = `${session.project} · atomkit studio`;
  await route();
} catch (error) {
  replace(main, notice('error', (error as Error).message));
}
