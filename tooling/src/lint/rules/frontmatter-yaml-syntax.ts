/** `frontmatter/yaml-syntax`: The YAML header is not valid YAML. */
import { problemRule } from '../problem-rule.js';

export default problemRule({
  code: 'frontmatter/yaml-syntax',
  description: 'The YAML header is not valid YAML.',
  defaultSeverity: 'error',
});
