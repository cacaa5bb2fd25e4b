/**
 * Where the packages the site runs on really are, for when atomkit is installed outside the
 * project that builds the site: `npm link`, a `file:` folder (npm links it), a pnpm store above a
 * workspace package. Node resolves atomkit's own imports from its real path, but Astro resolves
 * `astro` and the routes Starlight injects (`@astrojs/starlight/routes/…`) from the Astro project's
 * root, and Vite's dev server serves only files below the project's workspace.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve as resolveImport } from 'import-meta-resolve';
import type { Plugin } from 'vite';
import { UsageError } from '../../tooling/src/cli/usage-error.js';
import { packageRoot } from '../../tooling/src/package/files.js';

/** What Astro resolves from the project root: its own entrypoints, and Starlight's injected routes. */
const ROOT_PACKAGES = ['astro', '@astrojs/starlight'];

/**
 * The real folder of package `name` as a module at `fromUrl` would import it, or undefined when
 * it is not found from there.
 *
 * @example installedPackageDir('astro') //=> '/kb/node_modules/astro'
 */
export function installedPackageDir(name: string, fromUrl: string = import.meta.url): string | undefined {
  let entry: string;
  try {
    entry = fileURLToPath(resolveImport(name, fromUrl));
  } catch {
    return undefined;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return realpathSync(dir);
  }
  return undefined;
}

/**
 * Gives an Astro project that atomkit makes (a knowledge base's `.atomkit/site`) the `astro` and
 * Starlight that atomkit runs, as links in its `node_modules`, where the project root does not
 * already resolve to them.
 *
 * @example linkRootPackages('/kb/.atomkit/site') // with atomkit linked from /src/atomkit: /kb/.atomkit/site/node_modules/astro -> /src/atomkit/node_modules/astro
 */
export function linkRootPackages(projectRoot: string): void {
  const fromRoot = pathToFileURL(path.join(projectRoot, 'package.json')).href;
  for (const name of ROOT_PACKAGES) {
    const target = installedPackageDir(name);
    if (!target || installedPackageDir(name, fromRoot) === target) continue;
    const link = path.join(projectRoot, 'node_modules', ...name.split('/'));
    // A link made for an earlier install (atomkit linked from another folder since) is replaced.
    if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(link, { force: true });
    mkdirSync(path.dirname(link), { recursive: true });
    try {
      // A junction on Windows, which needs no administrator rights; the type is ignored elsewhere.
      symlinkSync(target, link, 'junction');
    } catch (error) {
      // Another build of the same project made it first, or a folder of the project's own is there.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (installedPackageDir(name, fromRoot) !== target) throw new Error(`${link} is in the way of the link to ${target}: delete it and build again.`);
    }
  }
}

/**
 * The folders Vite's dev server must serve the site's modules from: the `node_modules` folder that
 * holds atomkit, Astro and Starlight (their client scripts and styles, and those of their
 * dependencies beside them), or the package's own folder when it is not in one (a linked checkout).
 *
 * @example servedPackageDirs() //=> ['/tools/node_modules'] (atomkit linked from /tools/node_modules/atomkit)
 */
export function servedPackageDirs(): string[] {
  const dirs = [realpathSync(packageRoot()), ...ROOT_PACKAGES.map((name) => installedPackageDir(name)).filter((dir) => dir !== undefined)].map((dir) => {
    const parts = dir.split(path.sep);
    const outermost = parts.indexOf('node_modules');
    return outermost === -1 ? dir : parts.slice(0, outermost + 1).join(path.sep);
  });
  return [...new Set(dirs)];
}

/**
 * Vite plugin: the dev server serves the site's packages from their real folders too. Added to
 * the allow list Vite resolved, which keeps its default (the project's workspace root) and what
 * the site's own configuration allows.
 */
export function servePackageDirs(): Plugin {
  return {
    name: 'atomkit-serve-package-dirs',
    apply: 'serve',
    configResolved(config) {
      const allow = config.server.fs.allow;
      for (const dir of servedPackageDirs()) {
        const served = dir.split(path.sep).join('/');
        if (!allow.some((allowed) => served === allowed || served.startsWith(`${allowed.replace(/\/$/, '')}/`))) allow.push(served);
      }
    },
  };
}

/**
 * Stops a build Astro would get wrong, before it starts: Astro reads a component outside its
 * project's root as a path under that root when the two share no folder but the file system's
 * root (atomkit installed globally in `/usr/lib/node_modules`, a project in `/home/me/kb`), and
 * fails with "No cached compile metadata found". A shared folder anywhere above both is enough.
 *
 * @throws UsageError naming both folders and how to install atomkit where the site can be built.
 * @example checkInstallReach('/home/me/kb', ['/usr/lib/node_modules']) // throws
 */
export function checkInstallReach(projectRoot: string, packageDirs: readonly string[] = servedPackageDirs()): void {
  const top = (dir: string) => {
    const { root } = path.parse(dir);
    return `${root}${dir.slice(root.length).split(path.sep)[0] ?? ''}`.toLowerCase();
  };
  const away = packageDirs.find((dir) => top(dir) !== top(projectRoot));
  if (!away) return;
  throw new UsageError(
    `The site cannot be built with atomkit installed in ${away}: it shares no folder with the project in ${projectRoot}, and Astro cannot compile components from there. Install atomkit in the project (npm install --save-dev atomkit) or in a folder above it, and run that one (npx atomkit).`,
  );
}
