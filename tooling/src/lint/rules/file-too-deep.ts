/** `file/too-deep`: The file nests more than 100 levels deep, so it is not parsed. */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'file/too-deep',
  description: 'The file nests block quotes, lists, inline markup or header collections more than 100 levels deep, so it is not parsed.',
  defaultSeverity: 'error',
});
