/**
 * Ready for review: the atoms and transcripts changed since the base branch with their lint
 * state, and the git commands that commit them on a new branch (run here with one button).
 * Nothing is pushed: opening the pull request stays the author's step.
 */
import { get, post } from '../api.js';
import { atomHref, confirmDialog, h, notice, plural, replace } from '../dom.js';
import type { ViewContext } from '../view-context.js';

interface Changes {
  readonly git: boolean;
  readonly note?: string;
  readonly branch?: string;
  readonly base?: string;
  readonly files: { path: string; change: 'added' | 'modified' | 'deleted'; errors: number; warnings: number }[];
}

export async function renderChanges(context: ViewContext, message?: HTMLElement): Promise<void> {
  const { main, current, session } = context;
  const changes = await get<Changes>('/api/changes');
  if (!current()) return;
  if (!changes.git) {
    replace(main, h('div', { class: 'view-head' }, h('h1', {}, 'Ready for review')), notice('info', changes.note ?? 'This folder is not a git repository.'));
    return;
  }
  const checked = new Set(changes.files.map((file) => file.path));
  const messages = h('div', {}, message ?? null);
  const branch = h('input', { id: 'branch', type: 'text', value: `atoms/${session.today}`, spellcheck: 'false', autocomplete: 'off' });
  const commitMessage = h('textarea', { id: 'commit-message', rows: 3 });
  commitMessage.value = changes.files.length === 1 ? `Update ${changes.files[0]!.path}` : `Update ${plural(changes.files.length, 'atom')}`;
  const commands = h('pre', { class: 'commands', tabindex: 0, 'aria-label': 'The commands the button runs' });
  const commit = h('button', { type: 'button', class: 'primary' }, 'Commit on a new branch');
  const errors = changes.files.reduce((sum, file) => sum + file.errors, 0);

  const request = () => ({ branch: branch.value.trim(), message: commitMessage.value.trim(), paths: [...checked] });
  const refreshCommands = async () => {
    commit.disabled = checked.size === 0;
    if (checked.size === 0 || request().branch === '' || request().message.length < 3) {
      commands.textContent = 'Pick files, a branch name and a message.';
      return;
    }
    try {
      const { commands: lines } = await post<{ commands: string[] }>('/api/changes/commit', { ...request(), dryRun: true });
      commands.textContent = lines.join('\n');
    } catch (error) {
      commands.textContent = (error as Error).message;
    }
  };
  branch.addEventListener('input', () => void refreshCommands());
  commitMessage.addEventListener('input', () => void refreshCommands());
  commit.addEventListener('click', async () => {
    const warn = errors > 0 ? ` ${plural(errors, 'lint error')} remain; CI will block the pull request until they are fixed.` : '';
    if (!(await confirmDialog('Commit on a new branch?', `${plural(checked.size, 'file')} are committed on the new branch ${request().branch}. Nothing is pushed.${warn}`, 'Commit', false))) return;
    try {
      const result = await post<{ branch: string; commit: string }>('/api/changes/commit', request());
      await renderChanges(context, notice('ok', `Committed ${result.commit.slice(0, 10)} on the new branch ${result.branch}. Nothing was pushed; when you are ready: git push -u origin ${result.branch}, then open a pull request.`));
    } catch (error) {
      replace(messages, notice('error', (error as Error).message));
    }
  });

  const rows = changes.files.map((file, i) => {
    const box = h('input', { type: 'checkbox', id: `change-${i}`, checked: true, 'aria-label': `Include ${file.path}` });
    box.addEventListener('change', () => {
      if (box.checked) checked.add(file.path);
      else checked.delete(file.path);
      void refreshCommands();
    });
    const state = file.change === 'deleted' ? '—' : file.errors ? `${plural(file.errors, 'error')}, ${plural(file.warnings, 'warning')}` : file.warnings ? plural(file.warnings, 'warning') : 'clean';
    return h(
      'tr',
      {},
      h('td', {}, box),
      h('th', { scope: 'row' }, file.change !== 'deleted' && file.path.endsWith('.md') && !file.path.startsWith(session.interviewsDir) ? h('a', { href: atomHref(file.path) }, file.path) : file.path),
      h('td', {}, h('span', { class: `badge change-${file.change}` }, file.change)),
      h('td', { class: file.errors ? 'error' : file.warnings ? 'warn' : 'ok' }, state),
    );
  });

  replace(
    main,
    h('div', { class: 'view-head' }, h('h1', {}, 'Ready for review')),
    h('p', { class: 'lead' }, `On branch ${changes.branch}, compared with ${changes.base}. Commit your atoms on a new branch, then push it and open a pull request: CI lints them again there.`),
    messages,
    changes.files.length === 0
      ? notice('info', 'No atom or transcript changed since the base branch.')
      : h(
          'div',
          { class: 'changes-grid' },
          h(
            'table',
            { class: 'table' },
            h('caption', { class: 'sr-only' }, 'Changed files'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Include')), h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Lint'))),
            h('tbody', {}, ...rows),
          ),
          h(
            'form',
            { class: 'card commit', onsubmit: (e: Event) => e.preventDefault(), 'aria-label': 'Commit' },
            h('div', { class: 'field' }, h('label', { for: 'branch' }, 'New branch'), branch),
            h('div', { class: 'field' }, h('label', { for: 'commit-message' }, 'Commit message'), commitMessage),
            h('p', { class: 'help' }, 'The button runs:'),
            commands,
            commit,
          ),
        ),
  );
  void refreshCommands();
}
