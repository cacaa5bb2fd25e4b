/**
 * The remark plugins every atom body goes through on the site, in order. Plugins that build nodes
 * from atom text (FAQ pairs are re-parsed from the source) come first, then GitHub alerts are
 * labelled; `remarkSafeMarkup` comes
 * last, so it sees every node the others made and no raw HTML or script URL reaches a page.
 */
import { fileURLToPath } from 'node:url';
import { remarkAtomFaq } from './faq.js';
import { remarkGithubAlerts } from './github-alerts.js';
import { remarkSafeMarkup } from './remark-safe-markup.js';

/**
 * @example unified({ remarkPlugins: [...atomRemarkPlugins] }) // Astro's markdown.processor
 */
export const atomRemarkPlugins = [remarkAtomFaq, remarkGithubAlerts, remarkSafeMarkup] as const;

/** The folders of the code that turns atom Markdown into HTML, for caches of rendered bodies. */
export const ATOM_MARKDOWN_CODE: readonly string[] = [fileURLToPath(new URL('./', import.meta.url)), fileURLToPath(new URL('../atom/', import.meta.url))];
