/**
 * Checks a built site for internal links and assets that point at nothing (CI runs it on site/dist).
 *
 * Usage: tsx site/test/check-links.ts [dist] [base]   (default: site/dist /)
 */
import { brokenLinks, htmlFiles } from './helpers.js';

const [dist = 'site/dist', base = '/'] = process.argv.slice(2);
const broken = brokenLinks(dist, base);
for (const link of broken) process.stderr.write(`${link.page}: broken link ${link.href}\n`);
process.stdout.write(`${htmlFiles(dist).length} pages checked, ${broken.length} broken internal link${broken.length === 1 ? '' : 's'}\n`);
process.exitCode = broken.length > 0 ? 1 : 0;
