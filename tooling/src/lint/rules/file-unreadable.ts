/** `file/unreadable`: The file cannot be read (missing, a link loop, no permission, not a regular file). */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'file/unreadable',
  description: 'The file cannot be read (missing, a link loop, no permission, not a regular file).',
  defaultSeverity: 'error',
});
