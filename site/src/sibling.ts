/**
 * Files that ship beside the plugin's modules. The plugin runs from its TypeScript sources (this
 * repository) and from the compiled package (`.js` beside the `.astro` files), so a module's own
 * extension says which of its siblings to name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The absolute path of `name` next to the module at `moduleUrl`; `script` modules take that
 * module's own extension.
 *
 * @example sibling('file:///p/site/src/plugin.ts', 'route-data', 'script') //=> '/p/site/src/route-data.ts'
 * @example sibling('file:///p/site/src/plugin.js', 'components/Footer.astro') //=> '/p/site/src/components/Footer.astro'
 */
export function sibling(moduleUrl: string, name: string, kind?: 'script'): string {
  const file = fileURLToPath(moduleUrl);
  return path.join(path.dirname(file), kind === 'script' ? `${name}${path.extname(file)}` : name);
}
