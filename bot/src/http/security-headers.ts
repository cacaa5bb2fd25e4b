/**
 * The Content-Security-Policy of everything the service returns. A page of the docs site may run
 * its own files, the inline scripts in its file (by hash) and Pagefind's WebAssembly; it can talk
 * to this origin only, and be framed by this origin and the ones in `bot.cors`, which are trusted
 * to embed the chat. No inline handler, `javascript:` URL, plugin or foreign script runs, whatever
 * markup reached a page. (The hashes come from the served file, so they cannot tell a `<script>`
 * element that atom text smuggled in from the site's own: the site build escapes atom text, and
 * this policy is the second line.) A script file of the site gets the same policy without hashes: a
 * worker (Pagefind's) runs under the policy of its own script. Every other response (API JSON, the
 * widget script, assets) gets a policy that allows nothing, since none is meant to be opened.
 */
import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import type { FastifyReply } from 'fastify';

/** For responses that are not pages. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of one HTML page: its inline scripts are allowed by their SHA-256.
 *
 * @example pagePolicy('<script>a()</script>', ['https://intranet.example']) //=> "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-…'; … frame-ancestors 'self' https://intranet.example"
 */
export function pagePolicy(html: string, frameAncestors: readonly string[]): string {
  const hashes = [...new Set(inlineScripts(html).map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`))];
  return [
    "default-src 'self'",
    // Pagefind's search runs as WebAssembly.
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...hashes].join(' '),
    // Starlight sets style attributes, and the widget styles its shadow root with a <style>.
    "style-src 'self' 'unsafe-inline'",
    // Atoms may show images from anywhere on the web.
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ['frame-ancestors', "'self'", ...frameAncestors].join(' '),
  ].join('; ');
}

/**
 * The text of each `<script>` without `src`, as the browser hashes it (line breaks normalized).
 * A script this misreads gets a wrong hash, so it is blocked, never allowed by mistake.
 */
function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(match[1]!)) continue;
    out.push(match[2]!.replace(/\r\n?/g, '\n'));
  }
  return out;
}

/**
 * The entries of `bot.cors` that are origins, as `frame-ancestors` sources; anything else (a
 * typo, a `*` wildcard CORS never matches) would widen or break the policy, so it is left out.
 *
 * @example frameAncestorSources(['https://a.example', 'https://b.example/', 'https://*.example']) //=> ['https://a.example', 'https://b.example']
 */
export function frameAncestorSources(origins: readonly string[]): string[] {
  return origins.flatMap((origin) => {
    try {
      const url = new URL(origin);
      const plainHost = /^[\w.-]+$|^\[[\da-f:.]+\]$/i.test(url.hostname);
      return /^https?:$/.test(url.protocol) && plainHost && url.href === `${url.origin}/` ? [url.origin] : [];
    } catch {
      return [];
    }
  });
}

/**
 * A `setHeaders` for @fastify/static: HTML files get their page policy (kept per file until it
 * changes on disk), script files the page policy without hashes; other files keep the resource
 * policy the hook below sets.
 */
export function staticPolicy(frameAncestors: readonly string[]): (reply: FastifyReply, file: string, stat: Stats) => void {
  const cache = new Map<string, { mtimeMs: number; size: number; policy: string }>();
  const scriptPolicy = pagePolicy('', frameAncestors);
  return (reply, file, stat) => {
    if (/\.m?js$/i.test(file)) reply.header('content-security-policy', scriptPolicy);
    if (!/\.html?$/i.test(file)) return;
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, policy: pagePolicy(readFileSync(file, 'utf8'), frameAncestors) };
      cache.set(file, entry);
    }
    reply.header('content-security-policy', entry.policy);
  };
}

/** An `onSend` hook: every response without a page policy gets the resource policy. */
export async function defaultPolicy(_request: unknown, reply: FastifyReply): Promise<void> {
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', RESOURCE_POLICY);
}
