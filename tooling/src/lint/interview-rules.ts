/** Rule metas of the interview transcript rules, whose checks live in tooling/src/studio/interview. */
import { INTERVIEW_RULES } from '../studio/interview/parse.js';
import type { RuleMeta } from './types.js';

/** The interview rule codes as lint rule metas (for `--list-rules`, severities and docs parity). */
export const INTERVIEW_RULE_METAS: readonly RuleMeta[] = Object.entries(INTERVIEW_RULES).map(([code, description]) => ({
  code,
  description,
  defaultSeverity: 'error',
  ...(code === 'interview/turn-anchor' ? { fixable: true } : {}),
  messages: {},
}));
