/** `body/required-section`: each atom type has the body sections DESIGN.md lists. */
import { REQUIRED_SECTIONS, headingMatches } from '../../atom/sections.js';
import { atomType } from '../atom-facts.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'body/required-section',
    description: 'A section the atom type requires is missing from the body.',
    defaultSeverity: 'error',
    messages: { missing: 'An atom of type `{type}` needs a `## {heading}` section; none of its headings matches it.' },
  },
  check(atom, ctx) {
    const type = atomType(atom);
    if (!type) return;
    for (const spec of REQUIRED_SECTIONS[type]) {
      if (atom.sections.some((section) => headingMatches(section.heading.text, spec))) continue;
      ctx.report({
        messageId: 'missing',
        data: { type, heading: spec.heading },
        range: atom.positionOf(['type']),
        hint: `Add \`## ${spec.heading}\` (${spec.prompt.replace(/\.$/, '').toLowerCase()}). Also accepted: ${spec.accepts.slice(1).map((h) => `"${h}"`).join(', ')}.`,
      });
    }
  },
};
export default rule;
