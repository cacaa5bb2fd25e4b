/**
 * `markdown/<rule>`: the rules of remark-preset-lint-recommended and remark-preset-lint-consistent,
 * run on the tree the parser already built. All of them share one docs page
 * (`error/markdown-style`), one heading per rule.
 */
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import remarkPresetLintConsistent from 'remark-preset-lint-consistent';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import remarkLintNoUndefinedReferences from 'remark-lint-no-undefined-references';
import type { FileRule, RuleMeta } from '../types.js';
import { ALERT_REFERENCE } from '../../text/github-alerts.js';

const PREFIX = 'remark-lint:';

function ruleNames(plugins: PluggableList | undefined): string[] {
  return (plugins ?? [])
    .map((entry) => (Array.isArray(entry) ? entry[0] : entry))
    .map((plugin) => (typeof plugin === 'function' ? plugin.name : ''))
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => name.slice(PREFIX.length));
}

/** Names of the Markdown style rules, e.g. `final-newline`. */
export const MARKDOWN_RULE_NAMES: readonly string[] = [
  ...new Set([...ruleNames(remarkPresetLintRecommended.plugins), ...ruleNames(remarkPresetLintConsistent.plugins)]),
].sort();

const codes: RuleMeta[] = MARKDOWN_RULE_NAMES.map((name) => ({
  code: `markdown/${name}`,
  description: `Markdown style: remark-lint rule \`${name}\`.`,
  defaultSeverity: 'warn',
  ...(name === 'final-newline' ? { fixable: true } : {}),
  messages: { style: '{message}' },
}));

// Recommended goes last so its explicit settings (ordered lists use `1.`) win over consistent's
// "whatever the file does first" for the rules both presets configure.
// A GitHub alert's marker (`> [!WARNING]`) is no reference: the site shows it as a labelled quote.
const processor = unified()
  .use(remarkPresetLintConsistent)
  .use(remarkPresetLintRecommended)
  .use(remarkLintNoUndefinedReferences, { allow: [ALERT_REFERENCE] })
  .freeze();

const rule: FileRule = {
  meta: {
    code: 'markdown/*',
    description: 'Markdown style rules (remark-lint recommended + consistent presets).',
    defaultSeverity: 'warn',
    messages: { style: '{message}' },
  },
  codes,
  check(atom, ctx) {
    // Unreadable files have no body worth styling.
    if (atom.problems.some((p) => p.code.startsWith('file/'))) return;
    const file = new VFile({ value: atom.text });
    // remark-lint reports with VFileMessage, an Error: nothing reads their stacks, and capturing
    // one per finding is a tenth of the cost of the rules.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      processor.runSync(atom.tree, file);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    for (const message of file.messages) {
      if (!message.ruleId || !message.place) continue;
      const place = 'start' in message.place ? message.place : { start: message.place, end: undefined };
      const code = `markdown/${message.ruleId}`;
      ctx.report({
        code,
        messageId: 'style',
        data: { message: message.reason.replace(/\s+/g, ' ').trim() },
        range: { start: { line: place.start.line, column: place.start.column }, ...(place.end ? { end: { line: place.end.line, column: place.end.column } } : {}) },
        ...(message.ruleId === 'final-newline' ? { fix: { range: [atom.text.length, atom.text.length] as const, text: '\n' } } : {}),
      });
    }
  },
};
export default rule;
