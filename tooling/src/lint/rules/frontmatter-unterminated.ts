/** `frontmatter/unterminated`: The YAML header is opened with `---` but never closed. */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'frontmatter/unterminated',
  description: 'The YAML header is opened with `---` but never closed.',
  defaultSeverity: 'error',
});
