/** `frontmatter/schema`: the header must match `schemas/atom.schema.json`. */
import { atomSchema } from '../../atom/schema.js';
import { explainSchemaErrors } from '../../schema/explain.js';
import { validatorFor } from '../../schema/validator.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'frontmatter/schema',
    description: 'The YAML header does not match the atom schema (missing, unknown or wrongly typed fields).',
    defaultSeverity: 'error',
    messages: { schema: '{message}' },
  },
  check(atom, ctx) {
    // Headers that did not parse are reported by the YAML rules; here only parsed ones are checked.
    if (!atom.frontmatter || atom.header || atom.problems.some((p) => p.code.startsWith('frontmatter/'))) return;
    const validate = validatorFor(atomSchema);
    if (validate(atom.data)) return;
    for (const problem of explainSchemaErrors(validate.errors ?? [], atomSchema, atom.data)) {
      const range = problem.atKey ? atom.keyPositionOf(problem.path) : atom.positionOf(problem.path);
      ctx.report({ messageId: 'schema', data: { message: problem.message }, range, ...(problem.hint ? { hint: problem.hint } : {}) });
    }
  },
};
export default rule;
