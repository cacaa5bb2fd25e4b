/**
 * The standalone site's log (`logger` in standalone.ts): Astro's own, less two warnings every build
 * of a knowledge base without Starlight pages of its own would print. Starlight reads its `docs`
 * and `i18n` content collections; such a site has neither (its pages are the atoms, its
 * translations Starlight's and the atomkit plugin's), and Astro warns each time a collection is
 * read that "does not exist or is empty", asking to check a content config the site does not have.
 */
import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';
import nodeDestination, { type NodeHandlerConfig } from 'astro/logger/node';

const ABSENT_STARLIGHT_COLLECTION = /^The collection "(?:docs|i18n)" does not exist or is empty\b/;

/** Is this the warning about a Starlight collection the standalone site has no use for? */
export function expectedAbsence(message: Pick<AstroLoggerMessage, 'label' | 'level' | 'message'>): boolean {
  return message.level === 'warn' && message.label === 'content' && ABSENT_STARLIGHT_COLLECTION.test(message.message);
}

export default function standaloneLogger(options?: NodeHandlerConfig): AstroLoggerDestination {
  const node = nodeDestination(options);
  return {
    write(message) {
      if (!expectedAbsence(message)) node.write(message);
    },
  };
}
