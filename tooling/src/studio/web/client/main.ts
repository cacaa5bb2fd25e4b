/**
 * The studio's browser client: one page, a view per hash route. Each view renders into `<main>`;
 * a view that is left (the route changed) stops updating it. Views are loaded when first shown,
 * so the first one does not wait for the code of the others (the editor's CodeMirror above all).
 */
import './studio.css';
import { forgetPrefetched, get, prefetch, withPath } from './api.js';
import { h, notice, replace } from './dom.js';
import type { Session } from './types.js';
import { guard, type ViewContext } from './view-context.js';

type Render = (context: ViewContext, arg: string) => Promise<void>;

/** What each view GETs first, from its route's file argument; fetched while its code loads. */
const FIRST_DATA: Record<string, (arg: string) => string> = {
  interviews: (arg) => (arg ? withPath('/api/interview', arg) : '/api/interviews'),
  atoms: (arg) => (arg ? withPath('/api/atom', arg) : '/api/atoms'),
  review: () => '/api/review',
  signals: () => '/api/signals',
  changes: () => '/api/changes',
};

/** The view a route shows, from its first segment and whether it names a file. */
const VIEWS: Record<string, (hasArg: boolean) => Promise<Render>> = {
  interviews: async (hasArg) => {
    const { renderInterviews, renderTranscript } = await import('./views/interviews.js');
    return hasArg ? renderTranscript : renderInterviews;
  },
  atoms: async (hasArg) => (hasArg ? (await import('./views/editor.js')).renderEditor : (await import('./views/atoms.js')).renderAtomList),
  new: async () => (await import('./views/editor.js')).renderNewAtom,
  review: async () => {
    const { renderReview } = await import('./views/review.js');
    return (context) => renderReview(context);
  },
  signals: async () => (await import('./views/signals.js')).renderSignals,
  changes: async () => {
    const { renderChanges } = await import('./views/changes.js');
    return (context) => renderChanges(context);
  },
};

const main = document.getElementById('main')!;
let generation = 0;

function parseRoute(): { view: string; arg: string } {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [view = 'interviews', ...rest] = hash.split('/');
  return { view: view || 'interviews', arg: rest.join('/') };
}

async function route(session: Promise<Session>): Promise<void> {
  const { view, arg } = parseRoute();
  const mine = ++generation;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.dataset.view === (view === 'new' ? 'atoms' : view)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.body.dataset.view = view;
  const current = () => mine === generation;
  try {
    const load = VIEWS[view];
    if (!load) {
      replace(main, notice('error', `There is no view "${view}".`, h('p', {}, h('a', { href: '#/interviews' }, 'Go to the transcripts'))));
      return;
    }
    // The view's code, its data and the session arrive side by side.
    forgetPrefetched();
    const data = FIRST_DATA[view]?.(arg);
    if (data) prefetch(data);
    const [render, shared] = await Promise.all([load(arg !== ''), session]);
    if (current()) await render({ session: shared, main, current }, arg);
  } catch (error) {
    if (current()) replace(main, notice('error', (error as Error).message));
  }
}

const session = get<Session>('/api/session');
session.then(
  (shared) => {
    document.getElementById('project')!.textContent = shared.project;
    document.title = `${shared.project} · atomkit studio`;
  },
  // route() shows the failure.
  () => {},
);

let lastHash = location.hash;
window.addEventListener('hashchange', () => {
  if (guard.unsaved?.() && !window.confirm('This atom has unsaved changes. Leave without saving?')) {
    history.replaceState(null, '', lastHash || '#/interviews');
    return;
  }
  guard.unsaved = undefined;
  lastHash = location.hash;
  void route(session);
});
window.addEventListener('beforeunload', (event) => {
  if (guard.unsaved?.()) event.preventDefault();
});

void route(session);
