/**
 * Answer Markdown to DOM: `marked` renders it, raw HTML in it is shown as text, and DOMPurify
 * keeps only a small set of tags and attributes. A link stays a link only when it leads to the docs
 * site or to a page the answer cites (a relative link resolves against the site); any other link,
 * whatever scheme, is shown as its plain text. A model can be talked into writing links by a
 * hostile atom; only pages the reader can already reach from the answer are clickable.
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import type { Citation } from './api.js';

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start'];

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Raw HTML in an answer (or in the atom it quotes) is shown, never interpreted.
    html: ({ text }) => escapeHtml(text),
    // Answer headings sit inside a chat bubble; keep them below the panel's own heading.
    heading({ tokens, depth }) {
      const level = Math.min(6, Math.max(3, depth + 2));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    image: ({ text }) => escapeHtml(text),
  },
});

let purifier: ReturnType<typeof DOMPurify> | undefined;

function purify(): ReturnType<typeof DOMPurify> {
  // Our own instance, so configuring it never touches a DOMPurify the host page uses.
  purifier ??= DOMPurify(window);
  return purifier;
}

/**
 * An absolute http(s) URL for a link, or undefined for any other scheme (`javascript:`, `data:`,
 * `vbscript:` ...). Relative links resolve against `base`.
 *
 * @example safeHref('/error/x/#fix', new URL('https://docs.example/')) //=> 'https://docs.example/error/x/#fix'
 * @example safeHref('javascript:alert(1)', new URL('https://docs.example/')) //=> undefined
 */
export function safeHref(href: string, base: URL): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/**
 * Where a link in an answer may lead: an http(s) URL under the docs site, or a cited page (any
 * section of it). Undefined for anything else.
 *
 * @example answerLink('/error/x/#fix', [], new URL('https://docs.example/')) //=> 'https://docs.example/error/x/#fix'
 * @example answerLink('http://evil.example/steal', [], new URL('https://docs.example/')) //=> undefined
 */
export function answerLink(href: string, citations: readonly Citation[], site: URL): string | undefined {
  const url = safeHref(href, site);
  if (url === undefined) return undefined;
  const target = new URL(url);
  const siteFolder = site.pathname.replace(/[^/]*$/, '');
  if (target.origin === site.origin && target.pathname.startsWith(siteFolder)) return url;
  const page = (link: URL) => `${link.origin}${link.pathname}`;
  const cited = citations.some((citation) => {
    const citedUrl = safeHref(citation.url, site);
    return citedUrl !== undefined && page(new URL(citedUrl)) === page(target);
  });
  return cited ? url : undefined;
}

/**
 * Renders answer Markdown into a sanitized fragment. `[n]` markers that match a citation become
 * links to that citation's page. `trusted` are absolute URLs a link may lead to besides the docs
 * site and the cited pages.
 *
 * @example renderAnswer('**Run** `atomkit lint` [1]', citations, site).textContent //=> 'Run atomkit lint 1'
 */
export function renderAnswer(markdown: string, citations: readonly Citation[], site: URL, trusted: readonly string[] = []): DocumentFragment {
  const html = marked.parse(markdown, { async: false });
  const fragment = purify().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  keepTrustedLinks(fragment, citations, site, trusted);
  linkCitationMarkers(fragment, citations, site);
  return fragment;
}

/**
 * Each link that `answerLink` refuses becomes its text, unless it is one of the `trusted` URLs
 * the service returned beside the answer (its "suggest an atom" link); the others get an absolute `href`.
 */
function keepTrustedLinks(root: DocumentFragment, citations: readonly Citation[], site: URL, trusted: readonly string[]): void {
  for (const link of root.querySelectorAll('a')) {
    const raw = link.getAttribute('href') ?? '';
    const safe = safeHref(raw, site);
    const href = safe !== undefined && trusted.includes(safe) ? safe : answerLink(raw, citations, site);
    if (href === undefined) {
      link.replaceWith(...link.childNodes);
      continue;
    }
    link.setAttribute('href', href);
    link.setAttribute('rel', 'noopener noreferrer');
  }
}

/** Replaces `[n]` in text (outside code and links) with a link to citation n, built with DOM calls. */
function linkCitationMarkers(root: DocumentFragment, citations: readonly Citation[], site: URL): void {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  if (byNumber.size === 0) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('a, code, pre') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const text of texts) {
    const parts = text.data.split(/\[(\d{1,3})\]/);
    if (parts.length === 1) continue;
    const replacement = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        if (part !== '') replacement.append(part);
        return;
      }
      const citation = byNumber.get(Number(part));
      const href = citation ? safeHref(citation.url, site) : undefined;
      if (!citation || href === undefined) {
        replacement.append(`[${part}]`);
        return;
      }
      const link = document.createElement('a');
      link.className = 'marker';
      link.href = href;
      link.textContent = part;
      link.title = citation.section ? `${citation.title} › ${citation.section}` : citation.title;
      link.setAttribute('part', 'citation-marker');
      replacement.append(link);
    });
    text.replaceWith(replacement);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
