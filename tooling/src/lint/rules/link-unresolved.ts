/**
 * `link/unresolved`: a link in the body to another atom's page (`/error/x/`, `../error/x.md`) or
 * to a heading (`#how-to-resolve`, `/error/x/#causes`) goes to one that exists. Links to other
 * sites, and to site paths that are no atom's (`/pagefind/`, an image), are not checked.
 */
import path from 'node:path';
import { atomId, atomSlug } from '../../atom/identity.js';
import { didYouMean } from '../../text/did-you-mean.js';
import type { CorpusEntry, CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'link/unresolved',
    description: 'A link in the body points to an atom page or a heading that does not exist.',
    defaultSeverity: 'warn',
    messages: {
      page: 'No atom is at `{target}`, where this link points; did you mean `{suggestion}`?',
      pageNoGuess: 'No atom is at `{target}`, where this link points.',
      anchor: 'The page `{page}` has no heading or question with the anchor `#{anchor}`; did you mean `#{suggestion}`?',
      anchorNoGuess: 'The page `{page}` has no heading or question with the anchor `#{anchor}`.',
    },
  },
  checkCorpus(entries, ctx) {
    const base = (ctx.settings.siteBase ?? '/').replace(/\/?$/, '/');
    const bySlug = new Map<string, CorpusEntry>();
    for (const entry of entries) if (!bySlug.has(entry.slug)) bySlug.set(entry.slug, entry);
    // The first folders of atom pages (`error`, `ja`): a site path under another one is no atom's (`/pagefind/…`).
    const folders = new Set([...bySlug.keys()].map((slug) => slug.split('/')[0]!));
    // Page names by the folder they are in, for suggestions.
    const names = new Map<string, string[]>();
    for (const slug of bySlug.keys()) {
      const folder = slug.slice(0, slug.lastIndexOf('/') + 1);
      const inFolder = names.get(folder) ?? [];
      inFolder.push(slug.slice(folder.length));
      names.set(folder, inFolder);
    }
    for (const entry of entries) {
      if (!ctx.wanted(entry)) continue;
      for (const link of entry.links) {
        const target = resolve(link.url, entry, base);
        if (target === undefined) continue;
        if (target.slug !== undefined && !target.file && !folders.has(target.slug.split('/')[0]!)) continue;
        const page = target.slug === undefined ? entry : bySlug.get(target.slug);
        if (!page) {
          const suggestion = nearPage(target.slug!, names);
          ctx.report(entry, {
            messageId: suggestion === undefined ? 'pageNoGuess' : 'page',
            data: { target: link.url, ...(suggestion === undefined ? {} : { suggestion: `${base}${suggestion}/` }) },
            range: link.range,
            hint: 'Link to an atom by its page path (`/error/related-unresolved/`) or its file (`../error/related-unresolved.md`); an atom whose file moved keeps no old path.',
          });
          continue;
        }
        if (target.anchor === undefined || target.anchor === '') continue;
        const anchors = page.anchors();
        if (anchors.has(target.anchor)) continue;
        const suggestion = didYouMean(target.anchor, [...anchors].filter((anchor) => anchor !== '_top'));
        ctx.report(entry, {
          messageId: suggestion === undefined ? 'anchorNoGuess' : 'anchor',
          data: { page: `${base}${page.slug}/`, anchor: target.anchor, ...(suggestion === undefined ? {} : { suggestion }) },
          range: link.range,
          involves: [`file:${page.file}`],
          hint: 'An anchor is its heading in lower case, spaces as `-`, punctuation left out (`## How to resolve` is `#how-to-resolve`); a FAQ question is `#q-` and its words.',
        });
      }
    }
  },
};
export default rule;

/**
 * The page in the same folder whose name is closest to the one a link names, if one is close: the
 * folder they share says nothing of which page was meant.
 *
 * @example nearPage('error/related-unresolve', new Map([['error/', ['related-unresolved', 'title-duplicate']]])) //=> 'error/related-unresolved'
 */
function nearPage(slug: string, names: ReadonlyMap<string, readonly string[]>): string | undefined {
  const folder = slug.slice(0, slug.lastIndexOf('/') + 1);
  const name = didYouMean(slug.slice(folder.length), names.get(folder) ?? []);
  return name === undefined ? undefined : `${folder}${name}`;
}

/**
 * The atom page (by slug; none for the linking atom's own) and anchor a link leads to, or none for
 * a link that leads elsewhere: a site path outside the site's base, or a relative file that is no atom.
 *
 * @example resolve('../error/x.md#causes', { id: 'procedure/y' } as CorpusEntry, '/') //=> { slug: 'error/x', anchor: 'causes', file: true }
 */
function resolve(url: string, from: Pick<CorpusEntry, 'id'>, base: string): { slug: string | undefined; anchor: string | undefined; file?: true } | undefined {
  const hash = url.indexOf('#');
  const rawPath = (hash < 0 ? url : url.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash < 0 ? undefined : decode(url.slice(hash + 1));
  if (rawPath === '') return { slug: undefined, anchor };
  const pathname = decode(rawPath);
  if (/\.mdx?$/i.test(pathname)) {
    if (pathname.startsWith('/')) return undefined;
    const id = atomId(path.posix.normalize(path.posix.join(path.posix.dirname(from.id), pathname)));
    return id.startsWith('../') ? undefined : { slug: atomSlug(id), anchor, file: true };
  }
  // A page path, site-absolute or relative to the linking page's own (`/procedure/y/`).
  const absolute = pathname.startsWith('/') ? pathname : path.posix.join('/', atomSlug(from.id), pathname);
  if (!absolute.startsWith(base) && `${absolute}/` !== base) return undefined;
  const slug = absolute.slice(base.length).replace(/\/(?:index\.html)?$/, '').replace(/^\/+/, '');
  return slug === '' ? undefined : { slug, anchor };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
