/**
 * What the shell and the views share, kept out of main.ts so a view loaded on demand does not
 * import the entry: each view's context, the unsaved-work guard, and the draft a view hands to
 * the editor.
 */
import type { NewAtom, Session } from './types.js';

/** What every view gets: the session, the element to render into, and whether it is still shown. */
export interface ViewContext {
  readonly session: Session;
  readonly main: HTMLElement;
  readonly current: () => boolean;
}

/** Set by a view with unsaved work; asked before the route changes. */
export const guard: { unsaved?: () => boolean } = {};

let pending: NewAtom | undefined;

/** Opens the editor on an atom that is not written yet (from a passage, a signal, or blank). */
export function openNewAtom(draft: NewAtom): void {
  pending = draft;
  location.hash = '#/new';
}

/** The draft `openNewAtom` left for the editor, once. */
export function takePendingAtom(): NewAtom | undefined {
  const draft = pending;
  pending = undefined;
  return draft;
}
