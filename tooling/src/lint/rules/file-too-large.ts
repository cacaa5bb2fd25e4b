/** `file/too-large`: The file is larger than `lint.maxFileBytes`, so it is not parsed. */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'file/too-large',
  description: 'The file is larger than `lint.maxFileBytes`, so it is not parsed.',
  defaultSeverity: 'error',
});
