/** `frontmatter/missing`: The file does not start with a YAML header between `---` lines. */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'frontmatter/missing',
  description: 'The file does not start with a YAML header between `---` lines.',
  defaultSeverity: 'error',
});
