/** `config-template/invalid-code-block`: a config template's Template section is a fenced json or yaml block that parses. */
import type { Code } from 'mdast';
import { REQUIRED_SECTIONS, headingMatches } from '../../atom/sections.js';
import { atomType } from '../atom-facts.js';
import { jsonError } from '../../text/json-error.js';
import { yamlError } from '../../text/yaml-error.js';
import type { FileRule } from '../types.js';

const LANGS: Record<string, 'json' | 'yaml'> = { json: 'json', jsonc: 'json', yaml: 'yaml', yml: 'yaml' };

const rule: FileRule = {
  meta: {
    code: 'config-template/invalid-code-block',
    description: 'The Template section of a config-template atom has no fenced json/yaml block, or the block does not parse.',
    defaultSeverity: 'error',
    messages: {
      missing: 'The `## {heading}` section has no fenced `json` or `yaml` code block.',
      unlabelled: 'The template code block has language `{lang}`; expected `json` or `yaml`.',
      invalid: 'The {lang} template does not parse: {reason}.',
    },
  },
  check(atom, ctx) {
    if (atomType(atom) !== 'config-template') return;
    const spec = REQUIRED_SECTIONS['config-template'].find((s) => s.template);
    if (!spec) return;
    for (const section of atom.sections) {
      if (!headingMatches(section.heading.text, spec)) continue;
      const blocks = section.nodes.filter((node): node is Code => node.type === 'code');
      const block = blocks.find((node) => LANGS[(node.lang ?? '').toLowerCase()]) ?? blocks[0];
      if (!block?.position) {
        ctx.report({ messageId: 'missing', data: { heading: section.heading.text }, range: section.heading.range, hint: 'Add the template as a fenced block: ```yaml … ```.' });
        continue;
      }
      const lang = LANGS[(block.lang ?? '').toLowerCase()];
      if (!lang) {
        ctx.report({ messageId: 'unlabelled', data: { lang: block.lang ?? 'none' }, range: { start: block.position.start }, hint: 'Label the fence: ```yaml or ```json.' });
        continue;
      }
      const failure = lang === 'json' ? jsonError(block.value) : yamlError(block.value);
      if (!failure) continue;
      // The code starts on the line after the opening fence.
      const line = block.position.start.line + 1 + failure.at.line - 1;
      const column = failure.at.column + block.position.start.column - 1;
      ctx.report({ messageId: 'invalid', data: { lang, reason: failure.reason }, range: { start: { line, column } } });
    }
  },
};

export default rule;
