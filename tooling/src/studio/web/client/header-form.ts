/**
 * The atom header as a form generated from `schemas/atom.schema.json`: a control per property
 * (select for enums, date input for dates, chips for string lists, a fieldset for objects, rows
 * for lists of objects), required marks, and the schema's description as each field's help text.
 * Fields the schema does not know are kept as they are, so the linter can name them.
 */
import { createChips, type Chips } from './chips.js';
import { h, replace } from './dom.js';
import type { Diagnostic, Header, SchemaProperty, Session } from './types.js';

/** Shown first; the rest of the schema's fields sit under "More fields". */
const MAIN = ['title', 'summary', 'type', 'status', 'author', 'created', 'updated', 'version', 'tags', 'related', 'sources'];
const LONG_TEXT = 200;

export interface HeaderForm {
  readonly element: HTMLElement;
  value(): Header;
  /** Shows the header's diagnostics beside their fields. */
  show(diagnostics: readonly Diagnostic[]): void;
  focus(field: string): void;
}

interface Control {
  readonly read: () => unknown;
  readonly focus: () => void;
  readonly errors: HTMLElement;
  readonly chips?: Chips;
}

export function createHeaderForm(session: Session, header: Header, onChange: () => void): HeaderForm {
  const { properties, required } = session.schema;
  const controls = new Map<string, Control>();
  const extra = Object.fromEntries(Object.entries(header).filter(([key]) => !(key in properties)));
  const suggestionsFor = (key: string) => (key === 'related' || key === 'translation_of' ? () => session.titles : key === 'tags' ? () => session.tags : () => []);

  const field = (key: string, schema: SchemaProperty, value: unknown, idPrefix = 'field'): HTMLElement => {
    const id = `${idPrefix}-${key}`;
    const helpId = `${id}-help`;
    const errors = h('ul', { class: 'field-errors', id: `${id}-errors`, 'aria-live': 'polite' });
    const isRequired = idPrefix === 'field' && required.includes(key);
    const label = h('label', { for: id }, labelOf(key), isRequired ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
    const help = h('p', { class: 'help', id: helpId }, schema.description ?? '');
    const describedBy = `${helpId} ${id}-errors`;
    let control: Control;
    let input: HTMLElement;
    if (schema.enum) {
      const select = h('select', { id, 'aria-describedby': describedBy, required: isRequired }, ...(isRequired ? [] : [h('option', { value: '' }, schema.default ? `(default: ${String(schema.default)})` : '(none)')]), ...schema.enum.map((option) => h('option', { value: option, selected: option === value }, option)));
      select.addEventListener('change', onChange);
      control = { read: () => select.value, focus: () => select.focus(), errors };
      input = select;
    } else if (schema.type === 'array' && schema.items?.properties) {
      const rows = createRows(id, schema.items, Array.isArray(value) ? (value as Record<string, unknown>[]) : [], describedBy, onChange);
      control = { read: rows.read, focus: rows.focus, errors };
      input = rows.element;
    } else if (schema.type === 'array') {
      const chips = createChips({ id, values: Array.isArray(value) ? value.map(String) : [], suggestions: suggestionsFor(key), describedBy, onChange });
      control = { read: chips.values, focus: () => chips.input.focus(), errors, chips };
      input = chips.element;
    } else if (schema.type === 'object' && schema.properties) {
      const inner = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      const children = Object.entries(schema.properties).map(([childKey, childSchema]) => field(childKey, childSchema, inner[childKey], id));
      const reads = Object.keys(schema.properties).map((childKey) => [childKey, controls.get(`${id}.${childKey}`)!] as const);
      const fieldset = h('fieldset', { class: 'group', 'aria-describedby': describedBy }, h('legend', {}, labelOf(key)), help, ...children, errors);
      controls.set(key, { read: () => Object.fromEntries(reads.map(([childKey, c]) => [childKey, c.read()])), focus: () => reads[0]?.[1].focus(), errors });
      return fieldset;
    } else {
      const long = (schema.maxLength ?? 0) > LONG_TEXT;
      const text = long
        ? h('textarea', { id, rows: 3, 'aria-describedby': describedBy, required: isRequired, maxlength: schema.maxLength })
        : h('input', { id, type: schema.format === 'date' ? 'date' : 'text', 'aria-describedby': describedBy, required: isRequired, maxlength: schema.maxLength, spellcheck: key === 'title' || key === 'summary' ? 'true' : 'false' });
      text.value = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
      text.addEventListener('input', onChange);
      control = { read: () => text.value, focus: () => text.focus(), errors };
      input = text;
    }
    controls.set(idPrefix === 'field' ? key : `${idPrefix}.${key}`, control);
    return h('div', { class: `field field-${key}` }, label, input, help, errors);
  };

  const main = MAIN.filter((key) => key in properties).map((key) => field(key, properties[key]!, header[key]));
  const moreKeys = Object.keys(properties).filter((key) => !MAIN.includes(key));
  const more = h('details', { class: 'more', open: moreKeys.some((key) => header[key] !== undefined) }, h('summary', {}, 'More fields'), ...moreKeys.map((key) => field(key, properties[key]!, header[key])));
  const unknownNote = Object.keys(extra).length > 0 ? h('p', { class: 'help' }, `Kept as written (not in the schema): ${Object.keys(extra).join(', ')}.`) : null;
  const general = h('ul', { class: 'field-errors', 'aria-live': 'polite' });
  const element = h('form', { class: 'header-form', 'aria-label': 'Header', novalidate: true, onsubmit: (e: Event) => e.preventDefault() }, general, ...main, more, unknownNote);

  return {
    element,
    value: () => {
      const out: Header = { ...extra };
      for (const key of Object.keys(properties)) {
        const control = controls.get(key);
        if (control) out[key] = control.read();
      }
      return out;
    },
    show(diagnostics) {
      const byField = new Map<string, Diagnostic[]>();
      for (const diagnostic of diagnostics) {
        const key = diagnostic.field && controls.has(diagnostic.field) ? diagnostic.field : '';
        byField.set(key, [...(byField.get(key) ?? []), diagnostic]);
      }
      for (const [key, control] of controls) {
        if (key.includes('.')) continue;
        const found = byField.get(key) ?? [];
        replace(control.errors, ...found.map(problemItem));
        control.errors.closest('.field, .group')?.classList.toggle('invalid', found.some((d) => d.severity === 'error'));
        control.chips?.flag(new Map(found.filter((d) => d.index !== undefined).map((d) => [d.index!, d.message])));
      }
      replace(general, ...(byField.get('') ?? []).map(problemItem));
    },
    focus(key) {
      controls.get(key)?.focus();
    },
  };
}

/** `translation_of` is shown as "Translation of". */
function labelOf(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function problemItem(diagnostic: Diagnostic): HTMLElement {
  return h('li', { class: diagnostic.severity }, diagnostic.message, ' ', h('a', { href: diagnostic.docsUrl, target: '_blank', rel: 'noopener' }, diagnostic.code));
}

/** Rows of small objects (`sources`: ref and note), added and removed one at a time. */
function createRows(id: string, items: NonNullable<SchemaProperty['items']>, values: readonly Record<string, unknown>[], describedBy: string, onChange: () => void) {
  const keys = Object.keys(items.properties ?? {});
  const list = h('ol', { class: 'rows-edit', id, 'aria-describedby': describedBy });
  const rows: HTMLInputElement[][] = [];
  const addRow = (value: Record<string, unknown>) => {
    const inputs = keys.map((key) => {
      const input = h('input', { type: 'text', 'aria-label': `${key} ${rows.length + 1}`, placeholder: key, value: typeof value[key] === 'string' ? (value[key] as string) : '' });
      input.addEventListener('input', onChange);
      return input;
    });
    rows.push(inputs);
    const row = h('li', {}, ...inputs, h('button', { type: 'button', class: 'icon', 'aria-label': `Remove row ${rows.length}`, onclick: () => (rows.splice(rows.indexOf(inputs), 1), row.remove(), onChange()) }, '×'));
    list.append(row);
  };
  values.forEach(addRow);
  const add = h('button', { type: 'button', class: 'secondary small', onclick: () => (addRow({}), rows.at(-1)?.[0]?.focus(), onChange()) }, 'Add a row');
  return {
    element: h('div', {}, list, add),
    read: () => rows.map((inputs) => Object.fromEntries(inputs.map((input, i) => [keys[i]!, input.value.trim()]).filter(([, v]) => v !== ''))).filter((row) => Object.keys(row).length > 0),
    focus: () => (rows[0]?.[0] ?? add).focus(),
  };
}
