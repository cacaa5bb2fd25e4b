/** `file/encoding`: The file is not UTF-8 text (binary content or another encoding). */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'file/encoding',
  description: 'The file is not UTF-8 text (binary content or another encoding).',
  defaultSeverity: 'error',
});
