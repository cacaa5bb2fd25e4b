/**
 * The body editor: CodeMirror 6 with Markdown (fenced yaml/json blocks highlighted as YAML),
 * search, history and the lint gutter. Colours come from the page's CSS variables and the
 * highlighting from the system's light or dark scheme.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, LanguageDescription, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState } from '@codemirror/state';
import { oneDarkHighlightStyle } from '@codemirror/theme-one-dark';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import type { Diagnostic } from './types.js';

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const highlighting = () => syntaxHighlighting(dark.matches ? oneDarkHighlightStyle : defaultHighlightStyle);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--field)', height: '100%', fontSize: '14px' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--text)', padding: '8px 0' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--line)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
  '.cm-diagnostic': { fontFamily: 'var(--sans)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--error)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warn)', textUnderlineOffset: '3px' },
});

export interface BodyEditorOptions {
  readonly doc: string;
  readonly label: string;
  readonly onChange: () => void;
  readonly onSave: () => void;
}

export function createBodyEditor(parent: HTMLElement, options: BodyEditorOptions): EditorView {
  const scheme = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        EditorView.lineWrapping,
        markdown({ codeLanguages: [LanguageDescription.of({ name: 'yaml', alias: ['yml'], support: yaml() }), LanguageDescription.of({ name: 'json', alias: ['jsonc'], support: yaml() })] }),
        scheme.of(highlighting()),
        lintGutter(),
        placeholder('Write the atom here, in Markdown.'),
        keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (options.onSave(), true) }, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-multiline': 'true' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange();
        }),
        theme,
      ],
    }),
  });
  // The system switched between light and dark while the page is open.
  dark.addEventListener('change', () => view.dispatch({ effects: scheme.reconfigure(highlighting()) }));
  return view;
}

/**
 * Shows the linter's diagnostics in the editor. `firstLine` is the file line the editor's first
 * line is (the body starts below the header).
 */
export function showDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[], firstLine: number): void {
  const doc = view.state.doc;
  const at = (line: number, column: number) => {
    const docLine = line - firstLine + 1;
    if (docLine < 1) return 0;
    if (docLine > doc.lines) return doc.length;
    const info = doc.line(docLine);
    return Math.min(info.to, info.from + Math.max(0, column - 1));
  };
  const shown: CmDiagnostic[] = diagnostics
    .filter((d) => d.start.line >= firstLine)
    .map((d) => {
      const from = at(d.start.line, d.start.column);
      let to = d.end ? at(d.end.line, d.end.column) : from;
      if (to <= from) to = Math.min(doc.lineAt(from).to, from + 1);
      return {
        from,
        to: Math.max(to, from),
        severity: d.severity === 'error' ? 'error' : 'warning',
        message: d.message,
        source: d.code,
        renderMessage: () => {
          const box = document.createElement('span');
          box.textContent = `${d.message} `;
          const link = document.createElement('a');
          link.href = d.docsUrl;
          link.target = '_blank';
          link.rel = 'noopener';
          link.textContent = d.code;
          box.append(link);
          return box;
        },
      };
    });
  view.dispatch(setDiagnostics(view.state, shown));
}
