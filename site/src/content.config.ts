/**
 * The site's one collection: Starlight's `docs`, filled with atoms by the atomkit loader. Fields
 * are validated by the atom schema in the loader; Starlight's schema checks its own page fields.
 */
import { defineCollection, z } from 'astro:content';
import { docsSchema } from '@astrojs/starlight/schema';
import site from 'virtual:atomkit/site';
import type { AtomPageInfo } from '../../tooling/src/site/page-data.js';
import { atomsLoader } from './loader.js';

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

export const collections = {
  docs: defineCollection({
    loader: atomsLoader(site),
    schema: docsSchema({ extend: z.object({ atom: z.custom<AtomPageInfo>(isObject).optional() }) }),
  }),
};
