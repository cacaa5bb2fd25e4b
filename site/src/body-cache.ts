/**
 * Rendered atom bodies kept between builds, as Astro's content layer keeps the rendered entries of a
 * `docs` collection in its data store: a rebuild renders only the bodies that changed. Each body is
 * one small JSON file in Astro's cache folder, named by a hash of the body's text and of the
 * pipeline's fingerprint, and read only when its page renders, so a build of 10,000 atoms never
 * holds their HTML in memory. A file that is missing, unreadable or not a rendered body is a miss:
 * the body is rendered again and the file rewritten.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeHash } from '../../tooling/src/package/code-hash.js';
import { ATOM_MARKDOWN_CODE } from '../../tooling/src/site/markdown-plugins.js';
import type { FaqGroup, FaqText } from '../../tooling/src/site/faq.js';
import type { BodyRenderer, RenderedBody } from './store.js';

export interface BodyCacheOptions {
  /** The folder the rendered bodies are kept in. */
  readonly dir: string;
  /**
   * Everything besides the body that decides its HTML (the Markdown pipeline, the code that runs):
   * a body rendered under another fingerprint is not reused.
   */
  readonly fingerprint: string;
  /** Told once when the cache cannot be written; the site is built all the same. */
  readonly warn: (message: string) => void;
}

export interface BodyCache {
  /** Renders a body, or takes its HTML from the cache. */
  readonly render: BodyRenderer;
  /** Deletes the bodies this build did not use (after a build, which renders every page). */
  prune(): void;
}

/**
 * @example const cache = bodyCache(render, { dir: '.atomkit/site/cache/atomkit/bodies', fingerprint, warn }); await cache.render('# Hi') //=> { html: '<h1 id="hi">Hi</h1>', headings: [...] }
 */
export function bodyCache(render: BodyRenderer, options: BodyCacheOptions): BodyCache {
  const used = new Set<string>();
  let warned = false;
  return {
    async render(body) {
      const name = `${createHash('sha1').update(options.fingerprint).update('\0').update(body).digest('base64url')}.json`;
      used.add(name);
      const file = path.join(options.dir, name);
      const cached = readBody(file);
      if (cached) return cached;
      const rendered = await render(body);
      // Written aside and renamed, so a build that stops half-way never leaves half a body.
      const temp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(options.dir, { recursive: true });
        writeFileSync(temp, JSON.stringify(rendered));
        renameSync(temp, file);
      } catch (error) {
        if (!warned) options.warn(`Rendered atom bodies are not kept for the next build: ${(error as Error).message}`);
        warned = true;
      }
      return rendered;
    },
    prune() {
      let names: string[];
      try {
        names = readdirSync(options.dir);
      } catch {
        // No folder: nothing was kept.
        return;
      }
      for (const name of names) if (!used.has(name)) rmSync(path.join(options.dir, name), { force: true });
    },
  };
}

/**
 * A body the fingerprint renders: the constructs whose HTML a site's own plugins decide (Starlight's
 * asides and their labels, which come from its translations, heading anchors, Expressive Code
 * frames, typography) besides atomkit's FAQ list.
 */
const SAMPLE = [
  '## A "heading" -- with quotes',
  ':::note\nAn aside.\n:::',
  ':::caution[Titled]\nAnother.\n:::',
  '| a | b |\n| - | - |\n| `1` | **2** |',
  '```sh title="run.sh"\necho "code"\n```',
  '## FAQ',
  'Q: A question?\nA: An answer.',
].join('\n\n');

/**
 * The fingerprint of a Markdown pipeline: atomkit's code that renders bodies, the pipeline's
 * plugins (their source) and options, and the HTML it makes of a sample body, which changes with
 * anything the plugins read from elsewhere (a site's translations, its Expressive Code themes).
 * Undefined when the options cannot be written down (the bodies are then rendered every time).
 *
 * @example await pipelineFingerprint({ remarkPlugins: [...] }, render) //=> 'Xq1…'
 */
export async function pipelineFingerprint(pipeline: unknown, render: BodyRenderer): Promise<string | undefined> {
  let options: string;
  try {
    options = describe(pipeline);
  } catch {
    return undefined;
  }
  const sample = await render(SAMPLE);
  const code = codeHash([path.dirname(fileURLToPath(import.meta.url)), ...ATOM_MARKDOWN_CODE]);
  return createHash('sha1').update(code).update('\0').update(options).update('\0').update(JSON.stringify(sample)).digest('base64url');
}

/** JSON of plugin options, where a function is its source and an object met before is named only. */
function describe(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'function') return `function ${item.name}: ${String(item)}`;
    if (typeof item === 'bigint') return String(item);
    if (item instanceof RegExp) return String(item);
    if (item instanceof Map || item instanceof Set) return [...item];
    if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return '[seen]';
      seen.add(item);
    }
    return item;
  });
}

function readBody(file: string): RenderedBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return isRenderedBody(value) ? value : undefined;
}

function isRenderedBody(value: unknown): value is RenderedBody {
  if (typeof value !== 'object' || value === null) return false;
  const { html, headings, faq } = value as Partial<RenderedBody>;
  return (
    typeof html === 'string' &&
    Array.isArray(headings) &&
    headings.every((heading: unknown) => {
      const { depth, slug, text } = (heading ?? {}) as Partial<RenderedBody['headings'][number]>;
      return typeof depth === 'number' && typeof slug === 'string' && typeof text === 'string';
    }) &&
    Array.isArray(faq) &&
    faq.every((group: unknown) => {
      const { inFaqSection, pairs } = (group ?? {}) as Partial<FaqGroup>;
      return typeof inFaqSection === 'boolean' && Array.isArray(pairs) && pairs.every((pair: unknown) => typeof (pair as FaqText | null)?.question === 'string' && typeof (pair as FaqText).answer === 'string');
    })
  );
}
