/**
 * The site's collections: Starlight's `docs`, filled with atoms by the atomkit loader (fields are
 * validated by the atom schema in the loader; Starlight's schema checks its own page fields), and
 * Starlight's `i18n`. Starlight reads `i18n` on every build and Astro warns when it is missing or
 * empty, so it holds one entry with no keys (`content/i18n/en.json`): Starlight's own interface
 * strings stay as they are; atomkit's live in `lib/i18n.ts`.
 */
import { defineCollection, z } from 'astro:content';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import site from 'virtual:atomkit/site';
import type { AtomPageInfo } from '../../tooling/src/site/page-data.js';
import { atomsLoader } from './loader.js';

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

export const collections = {
  docs: defineCollection({
    loader: atomsLoader(site),
    schema: docsSchema({ extend: z.object({ atom: z.custom<AtomPageInfo>(isObject).optional() }) }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
