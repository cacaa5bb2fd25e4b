/** `body/steps-numbered`: procedure Steps and playbook Action plan are ordered lists. */
import { REQUIRED_SECTIONS, headingMatches } from '../../atom/sections.js';
import { atomType } from '../atom-facts.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'body/steps-numbered',
    description: 'A section of steps (procedure Steps, playbook Action plan) has no numbered list.',
    defaultSeverity: 'error',
    messages: { unnumbered: 'The `## {heading}` section has no numbered list; expected its steps as `1.`, `2.`, … items.' },
  },
  check(atom, ctx) {
    const type = atomType(atom);
    if (!type) return;
    for (const spec of REQUIRED_SECTIONS[type]) {
      if (!spec.numbered) continue;
      for (const section of atom.sections) {
        if (!headingMatches(section.heading.text, spec)) continue;
        if (section.nodes.some((node) => node.type === 'list' && node.ordered)) continue;
        const bullets = section.nodes.find((node) => node.type === 'list');
        ctx.report({
          messageId: 'unnumbered',
          data: { heading: section.heading.text },
          range: bullets?.position ? { start: bullets.position.start, end: bullets.position.end } : section.heading.range,
          hint: bullets ? 'Turn the bullet list into a numbered list: `1. First action`.' : 'Write each step as a numbered item: `1. First action`.',
        });
      }
    }
  },
};
export default rule;
