/**
 * Rules for problems the parser and loader already found (unreadable files, broken headers):
 * each code still has its own rule file, which reports the positioned problem as is.
 */
import type { FileRule, RuleMeta } from './types.js';

/**
 * A rule reporting `atom.problems` of its code.
 *
 * @example problemRule({ code: 'frontmatter/missing', ... }).check(atom, ctx) // reports 1:1
 */
export function problemRule(meta: Omit<RuleMeta, 'messages'>): FileRule {
  return {
    meta: { ...meta, messages: { problem: '{message}' } },
    check(atom, ctx) {
      for (const problem of atom.problems) {
        if (problem.code !== meta.code) continue;
        ctx.report({ messageId: 'problem', data: { message: problem.message }, range: problem.range, ...(problem.hint ? { hint: problem.hint } : {}) });
      }
    },
  };
}
