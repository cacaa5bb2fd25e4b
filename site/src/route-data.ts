/**
 * Starlight route middleware. Starlight writes each `head` entry's content as raw HTML, and the
 * `<title>` it makes holds the atom title as written: `title: "x </title><script>…"` would end
 * the title and run the script. The title's text is escaped here, once, for every page.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';

export const onRequest = defineRouteMiddleware((context) => {
  // Starlight declares `locals.starlightRoute` in types Astro generates at build time.
  const route = (context.locals as { starlightRoute: StarlightRouteData }).starlightRoute;
  for (const entry of route.head) {
    if (entry.tag === 'title' && entry.content) entry.content = escapeText(entry.content);
  }
});

/**
 * Text as HTML character data.
 *
 * @example escapeText('a </title> & b') //=> 'a &lt;/title&gt; &amp; b'
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
