/**
 * A list of strings edited as chips, with an ARIA combobox that completes from the knowledge base
 * (tags, `related` titles). Enter adds the highlighted suggestion or the typed text; Backspace in
 * the empty box takes the last chip back for editing; a chip's text button does the same.
 */
import { h, replace } from './dom.js';

export interface ChipsOptions {
  readonly id: string;
  readonly values: readonly string[];
  readonly suggestions: () => readonly string[];
  readonly describedBy: string;
  readonly onChange: () => void;
}

export interface Chips {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  values(): string[];
  /** Marks chips the linter flagged (by index), with its message. */
  flag(problems: ReadonlyMap<number, string>): void;
}

export function createChips(options: ChipsOptions): Chips {
  let values = [...options.values];
  let problems: ReadonlyMap<number, string> = new Map();
  let active = -1;
  let shown: string[] = [];
  const listboxId = `${options.id}-suggestions`;
  const list = h('ul', { class: 'chip-list', role: 'list' });
  const input = h('input', {
    id: options.id,
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listboxId,
    'aria-describedby': options.describedBy,
    autocomplete: 'off',
    placeholder: 'Type, then Enter',
  });
  const listbox = h('ul', { id: listboxId, role: 'listbox', class: 'suggestions', hidden: true });

  const render = () => {
    replace(
      list,
      ...values.map((value, i) => {
        const problem = problems.get(i);
        return h(
          'li',
          { class: `chip${problem ? ' invalid' : ''}`, ...(problem ? { title: problem } : {}) },
          h('button', { type: 'button', class: 'chip-text', 'aria-label': `Edit ${value}${problem ? ` (${problem})` : ''}`, onclick: () => edit(i) }, value),
          h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${value}`, onclick: () => remove(i) }, '×'),
        );
      }),
    );
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const suggest = () => {
    const typed = input.value.trim().toLowerCase();
    shown = typed === '' ? [] : options.suggestions().filter((s) => s.toLowerCase().includes(typed) && !values.includes(s)).slice(0, 8);
    replace(
      listbox,
      ...shown.map((s, i) =>
        h('li', { id: `${listboxId}-${i}`, role: 'option', 'aria-selected': i === active ? 'true' : 'false', onmousedown: (e: Event) => (e.preventDefault(), add(s)) }, s),
      ),
    );
    listbox.hidden = shown.length === 0;
    input.setAttribute('aria-expanded', String(shown.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listboxId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const add = (value: string) => {
    const clean = value.trim();
    if (clean !== '' && !values.includes(clean)) values.push(clean);
    input.value = '';
    problems = new Map();
    close();
    render();
    options.onChange();
  };
  const remove = (i: number) => {
    values.splice(i, 1);
    problems = new Map();
    render();
    options.onChange();
    input.focus();
  };
  const edit = (i: number) => {
    const [value] = values.splice(i, 1);
    problems = new Map();
    render();
    input.value = value ?? '';
    input.focus();
    suggest();
    options.onChange();
  };

  input.addEventListener('input', () => {
    active = -1;
    suggest();
  });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (shown.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length;
      suggest();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      add(active >= 0 ? shown[active]! : input.value);
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Backspace' && input.value === '' && values.length > 0) {
      event.preventDefault();
      edit(values.length - 1);
    }
  });
  render();
  return {
    element: h('div', { class: 'chips' }, list, h('div', { class: 'combo' }, input, listbox)),
    input,
    values: () => [...values],
    flag(next) {
      problems = next;
      render();
    },
  };
}
