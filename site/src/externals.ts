/**
 * Vite plugin: the packages a site build leaves outside its server bundle are imported from where
 * the module that imports them would find them, not from where the bundle is written.
 *
 * Vite bundles Starlight's and atomkit's page code into chunks under the output folder (or under
 * `<cwd>/.astro` when that folder is outside the working directory) and leaves their npm packages
 * as bare imports (`import yaml from 'js-yaml'`). Node then looks for those packages next to the
 * chunk, so a build finds the wrong copy of a package installed in two majors (Starlight's js-yaml 4
 * nested under it, atomkit's js-yaml 5 at the top), and none at all when the chunk lies outside the
 * project (`atomkit site build --out /elsewhere`, or atomkit run from another folder). Each such
 * import is rewritten to the file URL Node resolves from the importing module itself.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveImport } from 'import-meta-resolve';
import type { Plugin } from 'vite';

/** A package import (`js-yaml`, `@scope/pkg/sub`), not a path, URL, builtin or virtual module. */
const isPackageImport = (source: string) => /^(?:@[\w.-]+\/)?[\w.-]/.test(source) && !source.includes(':') && !isBuiltin(source);

export function externalsFromImporter(): Plugin {
  return {
    name: 'atomkit-externals-from-importer',
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.config.consumer === 'server',
    async resolveId(source, importer, options) {
      if (!importer || !isPackageImport(source) || !path.isAbsolute(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved?.external || resolved.id !== source) return resolved;
      try {
        return { ...resolved, id: resolveImport(source, pathToFileURL(importer).href) };
      } catch {
        // Node cannot resolve it either (a type-only or optional import): leave it as Vite wrote it.
        return resolved;
      }
    },
  };
}
