/**
 * The content loader of the docs collection: reads the atoms folder in place (no copies under
 * `site/src`), checks it like the linter does, and stores one entry per publishable atom, keyed by
 * the slug `identity.ts` gives it. In dev it watches the folder and reloads what changed.
 */
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { loadAtoms, type Atom } from '../../tooling/src/atom/load.js';
import { linkRoot } from '../../tooling/src/atom/outside-links.js';
import type { AtomHeader } from '../../tooling/src/atom/schema.js';
import { titleKey } from '../../tooling/src/lint/corpus.js';
import { projectFile } from '../../tooling/src/lint/run.js';
import { AtomCheckError, checkAtoms, formatDiagnostic } from '../../tooling/src/site/check.js';
import { atomBody, atomPageData, translationKey } from '../../tooling/src/site/page-data.js';
import { SITE_OPTIONS, type SiteConfigOptions, type SiteRuntimeOptions } from './runtime-options.js';

type ValidAtom = Atom & { header: AtomHeader };

export function atomsLoader(options: SiteRuntimeOptions): Loader {
  return {
    name: 'atomkit-atoms',
    load: async (context) => {
      await sync(context, options);
      if (options.command !== 'dev' || !context.watcher) return;
      const root = path.resolve(options.atomsDir);
      context.watcher.add(root);
      let running: Promise<void> = Promise.resolve();
      const onChange = (file: string) => {
        if (!path.resolve(file).startsWith(root + path.sep) || !/\.md$/i.test(file)) return;
        // Edits arrive in bursts (editors write twice); each sync starts after the previous one.
        running = running.then(() => sync(context, options)).catch((error: unknown) => context.logger.error(String((error as Error).message ?? error)));
      };
      context.watcher.on('add', onChange);
      context.watcher.on('change', onChange);
      context.watcher.on('unlink', onChange);
    },
  };
}

/** Atoms `buildSite()` parsed and checked before starting Astro, handed over with its options. */
function checkedAtoms(options: SiteRuntimeOptions): readonly Atom[] | undefined {
  const handed = (globalThis as { [SITE_OPTIONS]?: SiteConfigOptions })[SITE_OPTIONS];
  return options.command === 'build' && handed?.atomsDir === options.atomsDir ? handed.checkedAtoms : undefined;
}

async function sync(context: LoaderContext, options: SiteRuntimeOptions): Promise<void> {
  const { store, logger } = context;
  const checked = checkedAtoms(options);
  const atoms = checked ?? loadAtoms({ root: options.atomsDir, projectRoot: linkRoot(options.atomsDir, options.projectRoot), base: options.base, locales: options.locales });
  const diagnostics = checked
    ? []
    : checkAtoms(atoms, { root: options.projectRoot, docsUrl: options.docsUrl, defaultLanguage: options.defaultLanguage });
  if (diagnostics.length > 0) {
    if (options.command === 'build') throw new AtomCheckError(diagnostics);
    for (const diagnostic of diagnostics) logger.error(formatDiagnostic(diagnostic));
  }
  const broken = new Set(diagnostics.map((diagnostic) => diagnostic.file));
  const isBroken = (atom: Atom) => broken.has(projectFile({ root: options.projectRoot }, atom.file));
  const published = atoms.filter(
    (atom): atom is ValidAtom => atom.header !== undefined && !isBroken(atom) && (options.drafts || atom.header.status !== 'draft'),
  );
  const byTitle = new Map(published.map((atom) => [titleKey(atom.header.title), atom as Atom]));
  const translations = new Map<string, Atom>();
  for (const atom of published) if (atom.locale && atom.header.translation_of) translations.set(translationKey(atom.locale, atom.header.translation_of), atom);
  const keep = new Set<string>();
  for (const atom of published) {
    const data = atomPageData(atom, { published: byTitle, projectRoot: options.projectRoot, editUrl: options.editUrl, locales: options.locales, base: options.base, translations });
    const body = atomBody(atom);
    const digest = context.generateDigest(JSON.stringify({ body, data }));
    keep.add(atom.slug);
    if (store.get(atom.slug)?.digest === digest) continue;
    const parsed = await context.parseData({ id: atom.slug, data: data as unknown as Record<string, unknown> });
    store.set({ id: atom.slug, data: parsed, body, digest, rendered: await context.renderMarkdown(body) });
  }
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
  logger.info(`${published.length} atom page${published.length === 1 ? '' : 's'} from ${path.relative(options.projectRoot, options.atomsDir) || '.'}`);
}
