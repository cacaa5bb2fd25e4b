/**
 * The atom editor: the header form beside the body in CodeMirror, linted as you type by the
 * server (the same engine and rules as `atomkit lint`, corpus checks included), with a preview
 * rendered the way the site renders atoms and a word count against the atom's language limits.
 * Saving never replaces a file that changed on disk since it was opened without showing the
 * difference first. An atom whose header cannot be read opens as source, with its diagnostics.
 */
import DOMPurify from 'dompurify';
import type { EditorView } from '@codemirror/view';
import { ApiFailure, get, post, withPath } from '../api.js';
import { createBodyEditor, showDiagnostics } from '../code-editor.js';
import { announce, atomHref, confirmDialog, diffView, h, notice, plural, replace } from '../dom.js';
import { createHeaderForm, type HeaderForm } from '../header-form.js';
import type { Diagnostic, Header, LintAnswer, NewAtom, OpenedAtom, Session } from '../types.js';
import { guard, takePendingAtom, type ViewContext } from '../view-context.js';

export async function renderEditor(context: ViewContext, path: string): Promise<void> {
  const opened = await get<OpenedAtom>(withPath('/api/atom', path));
  if (!context.current()) return;
  mountEditor(context, { path: opened.path, base: opened.text, hash: opened.hash, header: opened.header, body: opened.header ? opened.body : opened.text, first: opened });
}

export async function renderNewAtom(context: ViewContext): Promise<void> {
  const draft = takePendingAtom() ?? blankAtom(context.session);
  // The path of a new atom follows its type and title until it is saved.
  mountEditor(context, { path: undefined, base: undefined, hash: null, header: draft.header, body: draft.body, ...(draft.note ? { note: draft.note } : {}) });
}

function blankAtom(session: Session): NewAtom {
  return {
    path: '',
    header: { title: '', summary: '', type: 'procedure', status: 'draft', author: session.author, created: session.today, version: '0.1.0', tags: [], related: [] },
    body: session.scaffolds.procedure ?? '',
  };
}

interface EditorInput {
  /** Undefined for a new atom: the path follows its type and title until it is saved. */
  readonly path: string | undefined;
  readonly base: string | undefined;
  readonly hash: string | null;
  /** Null when the header cannot be read: the file opens as source. */
  readonly header: Header | null;
  readonly body: string;
  readonly first?: LintAnswer;
  readonly note?: string;
}

function mountEditor({ session, main, current }: ViewContext, input: EditorInput): void {
  let path = input.path;
  let base = input.base;
  let hash = input.hash;
  let sourceMode = input.header === null;
  let bodyLine = input.first?.bodyLine ?? 1;
  let form: HeaderForm | undefined;
  let lastType = typeof input.header?.type === 'string' ? input.header.type : undefined;
  // What the last lint answer drew; an answer that finds the same only clears the busy state (most keystrokes).
  let drawn = '';

  const heading = h('h1', { class: 'atom-title' });
  const pathLabel = h('code', { class: 'path' });
  const words = h('span', { class: 'words', role: 'status' });
  const lintState = h('span', { class: 'lint-state', role: 'status', 'aria-live': 'polite' }, 'Linting…');
  const messages = h('div', { class: 'messages' }, input.note ? notice('info', input.note) : null);
  const formSlot = h('div', { class: 'form-col', role: 'region', 'aria-label': 'Header fields' });
  const bodySlot = h('div', { class: 'cm-host' });
  const problems = h('ol', { class: 'problems', 'aria-label': 'Problems' });
  const preview = h('article', { class: 'preview', 'aria-label': 'Preview', tabindex: 0 });
  const saveButton = h('button', { type: 'button', class: 'primary', 'aria-keyshortcuts': 'Control+S' }, 'Save');
  const modeButton = h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(sourceMode) }, 'Edit as source');
  const sectionsButton = h('button', { type: 'button', class: 'secondary' }, 'Add missing sections');
  const tabProblems = h('button', { type: 'button', role: 'tab', id: 'tab-problems', 'aria-controls': 'panel-problems', 'aria-selected': 'true' }, 'Problems');
  const tabPreview = h('button', { type: 'button', role: 'tab', id: 'tab-preview', 'aria-controls': 'panel-preview', 'aria-selected': 'false', tabindex: -1 }, 'Preview');
  const panelProblems = h('div', { role: 'tabpanel', id: 'panel-problems', 'aria-labelledby': 'tab-problems' }, problems);
  const panelPreview = h('div', { role: 'tabpanel', id: 'panel-preview', 'aria-labelledby': 'tab-preview', hidden: true }, preview);

  const view: EditorView = createBodyEditor(bodySlot, { doc: input.body, label: 'Atom body (Markdown)', onChange: () => changed(), onSave: () => void save() });

  const content = () => {
    if (sourceMode || !form) return { ...(path ? { path } : {}), text: view.state.doc.toString() };
    return { ...(path ? { path } : {}), ...(base !== undefined ? { base } : {}), header: form.value(), body: view.state.doc.toString() };
  };
  const mountForm = (header: Header) => {
    drawn = '';
    form = createHeaderForm(session, header, () => changed());
    replace(formSlot, form.element);
  };
  if (input.header) mountForm(input.header);
  else replace(formSlot, notice('error', "This file's header cannot be read as a form; fix it in the source (the problems list says where), then choose \u201cEdit with the form\u201d."));
  let saved = JSON.stringify(content());
  guard.unsaved = () => current() && JSON.stringify(content()) !== saved;

  // Lint as you type, without waiting for a pause: one request in flight, and the changes made
  // meanwhile go in one request as soon as it returns (the server lints requests one after the
  // other, so a second request sent early would only queue behind the first). An answer about
  // text that has changed since is not shown. The problems list is busy until the diagnostics
  // shown are those of the text in the editor.
  let inflight = false;
  let dirty = false;
  const lint = async () => {
    problems.setAttribute('aria-busy', 'true');
    if (inflight) {
      dirty = true;
      return;
    }
    inflight = true;
    dirty = false;
    try {
      const answer = await post<LintAnswer>('/api/lint', content());
      if (!current()) return;
      if (!dirty) show(answer);
    } catch (error) {
      if (current()) lintState.textContent = `Lint failed: ${(error as Error).message}`;
    } finally {
      inflight = false;
      if (dirty && current()) void lint();
    }
  };

  const show = (answer: LintAnswer) => {
    const shownBodyLine = sourceMode ? 1 : answer.bodyLine;
    const key = JSON.stringify([shownBodyLine, answer.path, answer.words, answer.limits, answer.diagnostics]);
    if (key === drawn) {
      problems.setAttribute('aria-busy', 'false');
      return;
    }
    drawn = key;
    bodyLine = shownBodyLine;
    pathLabel.textContent = answer.path;
    const header = answer.diagnostics.filter((d) => d.start.line < bodyLine);
    form?.show(header);
    showDiagnostics(view, answer.diagnostics, bodyLine);
    const errors = answer.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = answer.diagnostics.length - errors;
    lintState.textContent = errors + warnings === 0 ? 'Lint: clean' : `Lint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    lintState.className = `lint-state ${errors ? 'error' : warnings ? 'warn' : 'ok'}`;
    const { minWords, maxWords, language } = answer.limits;
    words.textContent = `${answer.words} words (${minWords}\u2013${maxWords}${language ? `, ${language}` : ''})`;
    words.className = `words ${answer.words < minWords || answer.words > maxWords ? 'warn' : 'ok'}`;
    tabProblems.textContent = `Problems (${answer.diagnostics.length})`;
    replace(
      problems,
      ...(answer.diagnostics.length === 0
        ? [h('li', { class: 'none' }, 'No problems: this atom passes `atomkit lint`.')]
        : answer.diagnostics.map((d) =>
            h(
              'li',
              { class: d.severity },
              h('button', { type: 'button', class: 'link', onclick: () => reveal(d) }, `${d.start.line}:${d.start.column}`),
              ' ',
              h('span', { class: 'sev' }, d.severity === 'error' ? 'error' : 'warning'),
              ' ',
              d.message,
              d.hint ? h('span', { class: 'hint' }, ` ${d.hint}`) : null,
              ' ',
              h('a', { href: d.docsUrl, target: '_blank', rel: 'noopener' }, d.code),
            ),
          )),
    );
    problems.setAttribute('aria-busy', 'false');
    heading.textContent = titleOf() || 'Untitled atom';
  };

  const titleOf = () => (form ? String(form.value().title ?? '') : '');

  const reveal = (d: Diagnostic) => {
    if (d.start.line < bodyLine && form) {
      form.focus(d.field ?? 'title');
      return;
    }
    const line = Math.min(view.state.doc.lines, Math.max(1, d.start.line - bodyLine + 1));
    const from = Math.min(view.state.doc.line(line).to, view.state.doc.line(line).from + d.start.column - 1);
    view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    view.focus();
  };

  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  const renderPreview = async () => {
    if (panelPreview.hidden) return;
    const header = form?.value() ?? {};
    const { html } = await post<{ html: string }>('/api/preview', { body: sourceMode ? view.state.doc.toString().replace(/^---\n[\s\S]*?\n---\n/, '') : view.state.doc.toString() });
    if (!current()) return;
    const body = h('div', { class: 'sl-markdown-content' });
    // The server renders with the site's plugins (no raw HTML survives them); this is a second line.
    body.append(DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }));
    replace(
      preview,
      h('h1', {}, String(header.title ?? '') || 'Untitled atom'),
      header.summary ? h('p', { class: 'summary' }, String(header.summary)) : null,
      h('p', { class: 'meta' }, String(header.type ?? ''), header.status ? ` \u00b7 ${String(header.status)}` : '', Array.isArray(header.tags) && header.tags.length ? ` \u00b7 ${header.tags.join(', ')}` : ''),
      body,
    );
  };

  const changed = () => {
    const type = form?.value().type;
    if (!input.path && typeof type === 'string' && type !== lastType) {
      // A new atom whose body is still the previous type's scaffold takes the new type's.
      if (lastType && view.state.doc.toString() === (session.scaffolds[lastType] ?? '')) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: session.scaffolds[type] ?? '' } });
      }
    }
    if (typeof type === 'string') lastType = type;
    heading.textContent = titleOf() || 'Untitled atom';
    void lint();
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void renderPreview(), 250);
  };

  const selectTab = (tab: 'problems' | 'preview') => {
    const isPreview = tab === 'preview';
    tabPreview.setAttribute('aria-selected', String(isPreview));
    tabProblems.setAttribute('aria-selected', String(!isPreview));
    tabPreview.tabIndex = isPreview ? 0 : -1;
    tabProblems.tabIndex = isPreview ? -1 : 0;
    panelPreview.hidden = !isPreview;
    panelProblems.hidden = isPreview;
    (isPreview ? tabPreview : tabProblems).focus();
    if (isPreview) void renderPreview();
  };
  tabProblems.addEventListener('click', () => selectTab('problems'));
  tabPreview.addEventListener('click', () => selectTab('preview'));
  for (const tab of [tabProblems, tabPreview]) {
    tab.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') selectTab(tab === tabProblems ? 'preview' : 'problems');
    });
  }

  sectionsButton.addEventListener('click', () => {
    const type = String(form?.value().type ?? '');
    const scaffold = session.scaffolds[type] ?? '';
    const doc = view.state.doc.toString();
    const have = new Set([...doc.matchAll(/^##\s+(.+?)\s*$/gm)].map((m) => m[1]!.toLowerCase()));
    const missing = scaffold.split(/(?=^## )/m).filter((part) => {
      const heading = /^##\s+(.+?)\s*$/m.exec(part)?.[1];
      return heading !== undefined && !have.has(heading.toLowerCase());
    });
    if (missing.length === 0) {
      announce('No required section is missing.');
      return;
    }
    const faq = /^## FAQ\s*$/m.exec(doc);
    const at = faq ? faq.index : doc.length;
    const insert = `${at > 0 && !doc.slice(0, at).endsWith('\n\n') ? (doc.slice(0, at).endsWith('\n') ? '\n' : '\n\n') : ''}${missing.map((part) => `${part.trim()}\n\n`).join('')}`;
    view.dispatch({ changes: { from: at, insert } });
    announce(`Added ${plural(missing.length, 'section')}.`);
  });

  modeButton.addEventListener('click', async () => {
    try {
      if (!sourceMode) {
        const answer = await post<LintAnswer & { text: string }>('/api/lint', content());
        sourceMode = true;
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: answer.text } });
        replace(formSlot, notice('info', 'Editing the whole file as source. The form comes back when you switch to it.'));
        form = undefined;
      } else {
        const split = await post<{ header: Header | null; body: string }>('/api/split', { text: view.state.doc.toString() });
        if (!split.header) {
          replace(messages, notice('error', 'The header still cannot be read; the problems list says where.'));
          return;
        }
        sourceMode = false;
        base = view.state.doc.toString();
        mountForm(split.header);
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: split.body } });
      }
      modeButton.textContent = sourceMode ? 'Edit with the form' : 'Edit as source';
      modeButton.setAttribute('aria-pressed', String(sourceMode));
      sectionsButton.hidden = sourceMode;
      void lint();
    } catch (error) {
      replace(messages, notice('error', (error as Error).message));
    }
  });

  const save = async (overwrite?: string | null) => {
    const body = { ...content(), hash: overwrite === undefined ? hash : overwrite };
    saveButton.disabled = true;
    try {
      const result = await post<{ path: string; hash: string; text: string }>('/api/atom/save', body);
      const wasNew = !path && !input.path;
      path = result.path;
      hash = result.hash;
      if (!sourceMode) base = result.text;
      saved = JSON.stringify(content());
      replace(messages, notice('ok', `Saved ${result.path}.`));
      announce(`Saved ${result.path}`);
      if (wasNew || location.hash === '#/new') {
        (input as { path?: string }).path = result.path;
        history.replaceState(null, '', atomHref(result.path));
      }
      void lint();
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'ATOMKIT_ERR_CONFLICT') await conflict(error);
      else replace(messages, notice('error', (error as Error).message));
    } finally {
      saveButton.disabled = false;
    }
  };

  const conflict = async (failure: ApiFailure) => {
    const diff = String(failure.details.diff ?? '');
    const onDisk = failure.details.current as string | null;
    replace(
      messages,
      notice(
        'error',
        `${failure.message} Nothing was saved. Below: what saving would change in the file as it is on disk now.`,
        diffView(diff),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onclick: () => replace(messages) }, 'Keep editing'),
          onDisk === null
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: async () => {
                    if (!(await confirmDialog('Load the version on disk?', 'Your unsaved changes in this editor are lost.', 'Load it'))) return;
                    guard.unsaved = undefined;
                    await renderEditor({ session, main, current }, path!);
                  },
                },
                'Load the version on disk',
              ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: async () => {
                if (!(await confirmDialog('Replace the file on disk?', 'The changes made on disk since you opened the atom are lost; the difference above is what changes.', 'Replace it'))) return;
                await save((failure.details.hash as string | null) ?? null);
              },
            },
            'Save mine over it',
          ),
        ),
      ),
    );
    messages.querySelector<HTMLElement>('.diff')?.focus();
  };
  saveButton.addEventListener('click', () => void save());

  replace(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/atoms' }, 'Atoms'), ' / ', pathLabel),
    h('div', { class: 'view-head editor-head' }, heading, h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Atom' }, lintState, words, sectionsButton, modeButton, saveButton)),
    messages,
    h(
      'div',
      { class: 'editor-grid' },
      formSlot,
      h('div', { class: 'body-col' }, h('h2', { class: 'col-title', id: 'body-title' }, sourceMode ? 'File' : 'Body'), bodySlot),
      h('div', { class: 'side-col' }, h('div', { role: 'tablist', 'aria-label': 'Lint and preview' }, tabProblems, tabPreview), panelProblems, panelPreview),
    ),
  );
  modeButton.textContent = sourceMode ? 'Edit with the form' : 'Edit as source';
  sectionsButton.hidden = sourceMode;
  heading.textContent = titleOf() || 'Untitled atom';
  if (input.first) show(input.first);
  else void lint();
}
