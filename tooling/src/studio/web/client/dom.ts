/** A small element builder: text always goes in as text, never as markup. */

type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/**
 * @example h('button', { type: 'button', onclick: save }, 'Save') //=> <button type="button">Save</button>
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Says something to screen readers (and nothing to the eye). */
export function announce(text: string): void {
  const region = document.getElementById('announce');
  if (region) region.textContent = text;
}

/** A message shown at the top of the view, for a failure the user can act on. */
export function notice(kind: 'error' | 'ok' | 'info', text: string, ...extra: Child[]): HTMLElement {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('p', {}, text), ...extra);
}

/**
 * Asks before something that cannot be undone; resolves true on confirm. Escape cancels.
 *
 * @example if (await confirmDialog('Discard 2 drafts?', 'The files are deleted.', 'Discard')) ...
 */
export function confirmDialog(title: string, body: Child, confirmLabel: string, danger = true): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' });
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    append(
      dialog,
      h('h2', { id: 'dialog-title' }, title),
      typeof body === 'string' ? h('p', {}, body) : body,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => close(false) }, 'Cancel'),
        h('button', { type: 'button', class: danger ? 'danger' : 'primary', onclick: () => close(true) }, confirmLabel),
      ),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('.actions button:last-child')?.focus();
  });
}

/** A unified diff, lines coloured by what they do. */
export function diffView(diff: string): HTMLElement {
  const pre = h('pre', { class: 'diff', tabindex: 0, 'aria-label': 'Difference between the file on disk and your version' });
  for (const line of diff.split('\n')) {
    const kind = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
    pre.append(h('span', { class: kind }, `${line}\n`));
  }
  return pre;
}

/** A count with its noun: `plural(1, 'turn')` is "1 turn", `plural(2, 'turn')` "2 turns". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The hash route of the editor for an atom. */
export function atomHref(path: string): string {
  return `#/atoms/${encodeURIComponent(path)}`;
}
