/**
 * GitHub alerts: a blockquote whose first line is a marker (`> [!WARNING]`), which GitHub renders
 * as a labelled callout. One list of their kinds for every layer that reads them: the importer and
 * the site write a label, the linter allows the marker, an answer writes "**Warning:**".
 */

/** The kinds GitHub renders, as the marker names them (in any case). */
const KINDS = 'note|tip|important|warning|caution';

/** A line that is only a marker, its `>` (one or more: a nested quote) captured, then its kind. */
export const ALERT_MARKER_LINE = new RegExp(`^((?:[ \\t]*>)+)[ \\t]*\\[!(${KINDS})\\][ \\t]*$`, 'i');

/** The marker at the start of a blockquote's first paragraph, as the Markdown tree holds it. */
export const ALERT_MARKER = new RegExp(`^\\[!(${KINDS})\\][ \\t]*(?:\\n|$)`, 'i');

/** The label a reference-link check reads the marker as (`[!NOTE]` is a reference to `!note`). */
export const ALERT_REFERENCE = new RegExp(`^!(?:${KINDS})$`, 'i');

/**
 * The label of an alert of the kind.
 *
 * @example alertLabel('WARNING') //=> 'Warning'
 */
export function alertLabel(kind: string): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1).toLowerCase()}`;
}
