/** `frontmatter/duplicate-key`: A field is set twice in the YAML header. */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'frontmatter/duplicate-key',
  description: 'A field is set twice in the YAML header.',
  defaultSeverity: 'error',
});
